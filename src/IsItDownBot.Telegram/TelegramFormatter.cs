using System.Globalization;
using System.Text;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Rendering;
using Telegram.Bot.Types.ReplyMarkups;

namespace IsItDownBot.Telegram;

/// <summary>Reports, lists and alerts as Telegram HTML. Pure: tested against the exact text.</summary>
internal static class TelegramFormatter
{
    // Enough evidence to see what failed, short enough to read on a phone.
    private const int MaxEvidenceLines = 10;
    private const int MaxEvidenceLineLength = 90;

    // Telegram limits callback data to 64 bytes.
    private const int MaxCallbackData = 64;

    public static string Report(StatusReport report, Incident? openIncident, TelegramTexts texts)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        html.Append(Emoji(report.Verdict)).Append(" <b>").Append(TelegramHtml.Escape(report.Service.Name)).Append("</b> ")
            .Append(TelegramHtml.Escape(report.Headline.In(texts.Language))).Append('\n');
        html.Append(TelegramHtml.Escape(report.Cause.Summary.In(texts.Language))).Append('\n');
        if (openIncident is not null && report.Verdict != Verdict.Up)
        {
            html.Append("<b>").Append(TelegramHtml.Escape(Since(openIncident, report.CheckedAt, texts))).Append("</b>\n");
        }

        html.Append("<i>").Append(TelegramHtml.Escape(report.Cause.Explanation.In(texts.Language))).Append("</i>\n");
        foreach (var note in report.Notes)
        {
            html.Append("• ").Append(TelegramHtml.Escape(note.In(texts.Language))).Append('\n');
        }

        var evidence = Evidence(report.Probes);
        if (evidence.Length > 0)
        {
            html.Append('\n').Append("<b>").Append(texts.Evidence).Append("</b>\n<pre>").Append(TelegramHtml.Escape(evidence)).Append("</pre>");
        }

        return TelegramHtml.Fit(html.ToString().TrimEnd());
    }

    /// <summary>"Check again" always; "Alert me" for catalog services, which the monitor can watch.</summary>
    public static InlineKeyboardMarkup? Buttons(ServiceDefinition service, TelegramTexts texts)
    {
        ArgumentNullException.ThrowIfNull(service);
        var buttons = new List<InlineKeyboardButton>();
        var check = CallbackData.Check(service.Id);
        if (Encoding.UTF8.GetByteCount(check) <= MaxCallbackData)
        {
            buttons.Add(InlineKeyboardButton.WithCallbackData(texts.CheckAgain, check));
        }

        var alert = CallbackData.Alert(service.Id);
        if (!service.IsUserSupplied && Encoding.UTF8.GetByteCount(alert) <= MaxCallbackData)
        {
            buttons.Add(InlineKeyboardButton.WithCallbackData(texts.AlertMe, alert));
        }

        return buttons.Count == 0 ? null : new InlineKeyboardMarkup(buttons);
    }

    public static string Status(IReadOnlyList<StatusReport> reports, TelegramTexts texts)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var html = new StringBuilder("<b>").Append(texts.StatusTitle).Append("</b>\n");
        foreach (var report in reports.OrderBy(report => report.Verdict == Verdict.Up).ThenBy(report => report.Service.Name, StringComparer.OrdinalIgnoreCase))
        {
            html.Append(Emoji(report.Verdict)).Append(' ').Append(TelegramHtml.Escape(report.Service.Name));
            if (report.Verdict != Verdict.Up)
            {
                html.Append(" — ").Append(TelegramHtml.Escape(report.Cause.Summary.In(texts.Language)));
            }

            html.Append('\n');
        }

        return TelegramHtml.Fit(html.ToString().TrimEnd());
    }

    public static string Subscriptions(IReadOnlyList<ServiceDefinition> services, TelegramTexts texts)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Count == 0)
        {
            return texts.NoSubscriptions;
        }

        return TelegramHtml.Fit(texts.SubscriptionsTitle + "\n" + string.Join('\n', services.Select(service => "• " + TelegramHtml.Escape(service.Name))));
    }

    public static string UnknownService(string query, IReadOnlyList<ServiceDefinition> suggestions, TelegramTexts texts)
    {
        var shown = query.Length <= 40 ? query : query[..40] + "…";
        var text = string.Format(CultureInfo.InvariantCulture, texts.UnknownService, TelegramHtml.Escape(shown));
        return suggestions.Count == 0
            ? text
            : text + " " + string.Format(CultureInfo.InvariantCulture, texts.DidYouMean, string.Join(", ", suggestions.Select(service => "<b>" + TelegramHtml.Escape(service.Name) + "</b>")));
    }

    /// <summary>An outbox alert for a chat, in the language it subscribed in: who went down or came back, why, and for how long.</summary>
    public static string Alert(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var language = message.Language;
        var down = message.Kind == TransitionKind.Down;
        var state = (down ? AlertWords.Down(message.Items.Count) : AlertWords.BackUp(message.Items.Count)).In(language);
        var html = new StringBuilder();
        if (message.Items.Count == 1)
        {
            var item = message.Items[0];
            html.Append(down ? "🔴 <b>" : "✅ <b>").Append(TelegramHtml.Escape(item.ServiceName)).Append(' ').Append(state).Append("</b>\n");
            html.Append(down
                ? TelegramHtml.Escape(item.SummaryIn(language)) + "\n" + FirstUpper(AlertWords.Since(language, Time(item.DownSince))) + "."
                : AlertWords.WasDownFor(language, Durations.FormatLong(item.Duration ?? TimeSpan.Zero)));
            return TelegramHtml.Fit(html.ToString());
        }

        var names = string.Join(", ", message.Items.Select(item => TelegramHtml.Escape(item.ServiceName)));
        html.Append(down ? "🔴 <b>" : "✅ <b>").Append(names).Append(' ').Append(state).Append("</b>");
        if (down && message.GroupName is not null)
        {
            html.Append('\n').Append(TelegramHtml.Escape(AlertWords.GroupWide(language, message.GroupName)));
        }

        foreach (var item in message.Items)
        {
            html.Append("\n• <b>").Append(TelegramHtml.Escape(item.ServiceName)).Append("</b>: ").Append(down
                ? TelegramHtml.Escape(item.SummaryIn(language)) + " (" + AlertWords.Since(language, Time(item.DownSince)) + ")"
                : AlertWords.DownFor(language, Durations.FormatLong(item.Duration ?? TimeSpan.Zero)));
        }

        return TelegramHtml.Fit(html.ToString());
    }

    private static string FirstUpper(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Since(Incident incident, DateTimeOffset now, TelegramTexts texts) =>
        string.Format(CultureInfo.InvariantCulture, texts.Since, Time(incident.OpenedAt), Durations.FormatLong(now - incident.OpenedAt));

    /// <summary>Failures first, one line each: the step, where, and what was seen.</summary>
    private static string Evidence(IReadOnlyList<ProbeResult> probes)
    {
        var lines = probes
            .Where(probe => probe.Outcome != ProbeOutcome.Skipped)
            .OrderBy(probe => probe.Ok)
            .Select(probe => $"{(probe.Ok ? "✓" : "✗")} {probe.Kind.ToString().ToLowerInvariant()} {Host(probe.Endpoint)} {probe.Target}: {probe.Detail}")
            .Select(line => line.Length <= MaxEvidenceLineLength ? line : line[..(MaxEvidenceLineLength - 1)] + "…")
            .Take(MaxEvidenceLines);
        return string.Join('\n', lines);
    }

    private static string Host(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : endpoint;

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Emoji(Verdict verdict) => verdict switch
    {
        Verdict.Up => "✅",
        Verdict.Degraded => "⚠️",
        Verdict.Down => "🔴",
        _ => "❔",
    };
}
