using System.Globalization;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Rendering;

namespace IsItDownBot.Discord.Bot;

/// <summary>Reports and alerts as Discord messages: embeds within Discord's limits. Pure: tested on exact JSON.</summary>
internal static class DiscordEmbeds
{
    // Discord's limits: title 256, description 4096, 25 fields of name 256 and value 1024, 6000 in all.
    private const int TitleLimit = 256;
    private const int DescriptionLimit = 4096;
    private const int FieldNameLimit = 256;
    private const int FieldValueLimit = 1024;
    private const int MaxEvidenceFields = 10;
    private const int CustomIdLimit = 100;
    private const int EmbedTotalLimit = 6000;

    public static JsonObject Report(StatusReport report, Incident? openIncident, DiscordTexts texts)
    {
        ArgumentNullException.ThrowIfNull(report);
        var language = texts.Language;
        var description = DiscordText.Escape(report.Cause.Summary.In(language));
        if (openIncident is not null && report.Verdict != Verdict.Up)
        {
            // Our own words and a Discord timestamp (shown in each reader's time zone): nothing to escape.
            description += "\n**" + string.Format(CultureInfo.InvariantCulture, texts.Since,
                Time(openIncident.OpenedAt), Durations.FormatLong(report.CheckedAt - openIncident.OpenedAt)) + "**";
        }

        description += "\n\n" + DiscordText.Escape(report.Cause.Explanation.In(language));
        foreach (var note in report.Notes)
        {
            description += "\n• " + DiscordText.Escape(note.In(language));
        }

        var fields = new JsonArray();
        foreach (var probe in report.Probes.Where(probe => probe.Outcome != ProbeOutcome.Skipped).OrderBy(probe => probe.Ok).Take(MaxEvidenceFields))
        {
            fields.Add(new JsonObject
            {
                ["name"] = DiscordText.Limit($"{(probe.Ok ? "✓" : "✗")} {probe.Kind.ToString().ToLowerInvariant()} {DiscordText.Escape(Host(probe.Endpoint))}", FieldNameLimit),
                ["value"] = DiscordText.Code($"{probe.Target}: {probe.Detail}", FieldValueLimit),
                ["inline"] = false,
            });
        }

        var title = DiscordText.Limit($"{Emoji(report.Verdict)} {DiscordText.Escape(report.Service.Name)} {DiscordText.Escape(report.Headline.In(language))}", TitleLimit);
        var footer = $"IsItDownBot · checked in {Durations.Format(report.Duration)}";
        description = DiscordText.Limit(description, DescriptionLimit);

        // Discord refuses an embed whose texts add up to more than 6000 characters: evidence goes first.
        while (fields.Count > 0 && Total(title, description, footer, fields) > EmbedTotalLimit)
        {
            fields.RemoveAt(fields.Count - 1);
        }

        if (Total(title, description, footer, fields) > EmbedTotalLimit)
        {
            description = DiscordText.Limit(description, EmbedTotalLimit - title.Length - footer.Length);
        }

        return new JsonObject
        {
            ["title"] = title,
            ["description"] = description,
            ["color"] = Colour(report.Verdict),
            ["fields"] = fields,
            ["timestamp"] = report.CheckedAt.ToString("O", CultureInfo.InvariantCulture),
            ["footer"] = new JsonObject { ["text"] = footer },
        };
    }

    /// <summary>"Check again" always; "Alert this channel" for catalog services, which the monitor can watch.</summary>
    public static JsonArray Buttons(ServiceDefinition service, DiscordTexts texts)
    {
        ArgumentNullException.ThrowIfNull(service);
        var buttons = new JsonArray();
        if (Components.Check(service.Id) is { Length: <= CustomIdLimit } check)
        {
            buttons.Add(Button(texts.CheckAgain, check));
        }

        if (!service.IsUserSupplied && Components.Alert(service.Id) is { Length: <= CustomIdLimit } alert)
        {
            buttons.Add(Button(texts.AlertChannel, alert));
        }

        return buttons.Count == 0 ? [] : [new JsonObject { ["type"] = 1, ["components"] = buttons }];
    }

    public static JsonObject Status(IReadOnlyList<StatusReport> reports, DiscordTexts texts)
    {
        var lines = reports
            .OrderBy(report => report.Verdict == Verdict.Up)
            .ThenBy(report => report.Service.Name, StringComparer.OrdinalIgnoreCase)
            .Select(report => $"{Emoji(report.Verdict)} **{DiscordText.Escape(report.Service.Name)}**"
                + (report.Verdict == Verdict.Up ? "" : " — " + DiscordText.Escape(report.Cause.Summary.In(texts.Language))));
        var worst = reports.Select(report => report.Verdict).DefaultIfEmpty(Verdict.Up).Max();
        return new JsonObject
        {
            ["title"] = texts.StatusTitle,
            ["description"] = DiscordText.Limit(string.Join('\n', lines), DescriptionLimit),
            ["color"] = Colour(worst),
        };
    }

    /// <summary>An outbox alert for a channel, in the language it subscribed in.</summary>
    public static JsonObject Alert(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var language = message.Language;
        var down = message.Kind == TransitionKind.Down;
        var names = string.Join(", ", message.Items.Select(item => DiscordText.Escape(item.ServiceName)));
        var state = (down ? AlertWords.Down(message.Items.Count) : AlertWords.BackUp(message.Items.Count)).In(language);
        var title = $"{(down ? "🔴" : "✅")} {names} {state}";
        var lines = message.Items.Select(item => down
            ? $"**{DiscordText.Escape(item.ServiceName)}**: {DiscordText.Escape(item.SummaryIn(language))} ({AlertWords.Since(language, Time(item.DownSince))})"
            : $"**{DiscordText.Escape(item.ServiceName)}**: {AlertWords.DownFor(language, Durations.FormatLong(item.Duration ?? TimeSpan.Zero))}");
        var description = string.Join('\n', lines);
        if (down && message.Items.Count > 1 && message.GroupName is not null)
        {
            description = DiscordText.Escape(AlertWords.GroupWide(language, message.GroupName)) + "\n" + description;
        }

        return new JsonObject
        {
            ["title"] = DiscordText.Limit(title, TitleLimit),
            ["description"] = DiscordText.Limit(description, DescriptionLimit),
            ["color"] = down ? Colour(Verdict.Down) : Colour(Verdict.Up),
        };
    }

    /// <summary>A message body: content and/or embeds, buttons, and never a ping.</summary>
    public static JsonObject Message(string? content, JsonObject? embed = null, JsonArray? components = null, bool ephemeral = false)
    {
        var message = new JsonObject { ["allowed_mentions"] = new JsonObject { ["parse"] = new JsonArray() } };
        if (content is not null)
        {
            message["content"] = DiscordText.Limit(content, 2000);
        }

        if (embed is not null)
        {
            message["embeds"] = new JsonArray(embed);
        }

        if (components is not null)
        {
            message["components"] = components;
        }

        if (ephemeral)
        {
            message["flags"] = 64;
        }

        return message;
    }

    private static int Total(string title, string description, string footer, JsonArray fields) =>
        title.Length + description.Length + footer.Length
        + fields.Sum(field => ((string?)field!["name"])!.Length + ((string?)field["value"])!.Length);

    private static JsonObject Button(string label, string customId) =>
        new() { ["type"] = 2, ["style"] = 2, ["label"] = label, ["custom_id"] = customId };

    private static string Host(string endpoint) => Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : endpoint;

    private static string Time(DateTimeOffset at) => $"<t:{at.ToUnixTimeSeconds()}:f>";

    private static int Colour(Verdict verdict) => verdict switch
    {
        Verdict.Up => 0x2ECC71,
        Verdict.Degraded => 0xF1C40F,
        Verdict.Down => 0xE74C3C,
        _ => 0x95A5A6,
    };

    private static string Emoji(Verdict verdict) => verdict switch
    {
        Verdict.Up => "✅",
        Verdict.Degraded => "⚠️",
        Verdict.Down => "🔴",
        _ => "❔",
    };
}
