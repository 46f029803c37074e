using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Discord.Gateway;
using IsItDownBot.Discord.Rest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Discord.Bot;

/// <summary>
/// Answers what the gateway dispatches: slash commands (deferred at once, the report edited in when the probes
/// finish, well within Discord's 3 seconds), buttons, autocomplete, and mentions or DMs asking a question.
/// </summary>
internal sealed partial class DiscordInteractionHandler(
    DiscordRestClient rest,
    DiscordBotIdentity identity,
    QuestionParser parser,
    ServiceCatalog catalog,
    StatusChecker checker,
    SubscriptionService subscriptions,
    IBotStore store,
    IOptions<DiscordOptions> options,
    ILogger<DiscordInteractionHandler> logger)
{
    // Interaction callback types.
    private const int Reply = 4;
    private const int DeferredReply = 5;
    private const int DeferredUpdate = 6;
    private const int AutocompleteResult = 8;

    private const int MaxChoices = 25;

    // A RESUME replays what the bot may already have handled; an interaction can be answered only once.
    private readonly RecentIds _seen = new(capacity: 4096);

    public async Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        try
        {
            switch (dispatch.EventName)
            {
                case "READY":
                    await OnReadyAsync(dispatch.Data, cancellationToken).ConfigureAwait(false);
                    break;
                case "INTERACTION_CREATE" when Interaction.Read(dispatch.Data) is { } interaction && _seen.FirstTime(interaction.Id):
                    await OnInteractionAsync(interaction, cancellationToken).ConfigureAwait(false);
                    break;
                case "MESSAGE_CREATE":
                    await OnMessageAsync(dispatch.Data, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }
        catch (DiscordApiException exception)
        {
            LogAnswerFailed(logger, dispatch.EventName, exception.Message);
        }
    }

    private async Task OnReadyAsync(JsonElement data, CancellationToken cancellationToken)
    {
        identity.ApplicationId = data.TryGetProperty("application", out var application) ? Interaction.Text(application, "id") : identity.ApplicationId;
        identity.UserId = data.TryGetProperty("user", out var user) ? Interaction.Text(user, "id") : identity.UserId;
        if (identity.ApplicationId is not { } applicationId || !identity.ClaimCommandRegistration())
        {
            return;
        }

        try
        {
            await rest.PutApplicationCommandsAsync(applicationId, options.Value.GuildId, DiscordCommands.All(), cancellationToken).ConfigureAwait(false);
            LogCommandsRegistered(logger, options.Value.GuildId ?? "every server (global)");
        }
        catch (DiscordApiException)
        {
            identity.CommandRegistrationFailed();
            throw;
        }
    }

    private Task OnInteractionAsync(Interaction interaction, CancellationToken cancellationToken) => interaction.Type switch
    {
        Interaction.Command => OnCommandAsync(interaction, cancellationToken),
        Interaction.Component => OnComponentAsync(interaction, cancellationToken),
        Interaction.Autocomplete => OnAutocompleteAsync(interaction, cancellationToken),
        _ => Task.CompletedTask,
    };

    private async Task OnCommandAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var texts = DiscordTexts.For(interaction.Locale);
        switch (interaction.Name)
        {
            case "isitdown":
                var lookup = catalog.Lookup(interaction.Option("service") ?? "", allowTypos: true);
                if (lookup.Service is not { } service)
                {
                    await RespondAsync(interaction, Reply, DiscordEmbeds.Message(UnknownService(lookup, texts), ephemeral: true), cancellationToken).ConfigureAwait(false);
                    return;
                }

                await RespondAsync(interaction, DeferredReply, null, cancellationToken).ConfigureAwait(false);
                await EditWithReportAsync(interaction, service, texts, cancellationToken).ConfigureAwait(false);
                break;
            case "status":
                await RespondAsync(interaction, DeferredReply, null, cancellationToken).ConfigureAwait(false);
                var reports = await checker.CheckManyAsync(catalog.Services, cancellationToken).ConfigureAwait(false);
                await EditAsync(interaction, DiscordEmbeds.Message(null, DiscordEmbeds.Status(reports, texts)), cancellationToken).ConfigureAwait(false);
                break;
            case "subscribe" or "unsubscribe":
                var channel = Channel(interaction);
                var target = interaction.Option("service");
                var result = interaction.Name == "subscribe"
                    ? await subscriptions.SubscribeAsync(channel, target, interaction.UserId ?? "unknown", interaction.MayManageChannel, cancellationToken).ConfigureAwait(false)
                    : await subscriptions.UnsubscribeAsync(channel, target, interaction.MayManageChannel, cancellationToken).ConfigureAwait(false);
                var text = result.Outcome == SubscriptionOutcome.NotPermitted ? texts.OnlyModerators : result.Message;
                await RespondAsync(interaction, Reply, DiscordEmbeds.Message(DiscordText.Escape(text), ephemeral: !result.Succeeded), cancellationToken).ConfigureAwait(false);
                break;
            case "subscriptions":
                var followed = await subscriptions.ListAsync(Channel(interaction), cancellationToken).ConfigureAwait(false);
                var list = followed.Count == 0
                    ? texts.NoSubscriptions
                    : texts.SubscriptionsTitle + "\n" + string.Join('\n', followed.Select(service => "• " + DiscordText.Escape(service.Name)));
                await RespondAsync(interaction, Reply, DiscordEmbeds.Message(list, ephemeral: true), cancellationToken).ConfigureAwait(false);
                break;
            default:
                await RespondAsync(interaction, Reply, DiscordEmbeds.Message(texts.Help, ephemeral: true), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task OnComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var texts = DiscordTexts.For(interaction.Locale);
        var (action, serviceId) = Components.Parse(interaction.CustomId);
        var service = serviceId is null ? null : catalog.Find(serviceId) ?? (HostName.TryParse(serviceId, out var host) ? ServiceDefinition.ForDomain(host) : null);
        if (service is null)
        {
            await RespondAsync(interaction, DeferredUpdate, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (action == "check")
        {
            // The button's message is the interaction's original: the fresh report replaces it in place.
            await RespondAsync(interaction, DeferredUpdate, null, cancellationToken).ConfigureAwait(false);
            await EditWithReportAsync(interaction, service, texts, cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await subscriptions.SubscribeAsync(Channel(interaction), service.Id, interaction.UserId ?? "unknown", interaction.MayManageChannel, cancellationToken).ConfigureAwait(false);
        var text = result.Outcome == SubscriptionOutcome.NotPermitted ? texts.OnlyModerators : result.Message;
        await RespondAsync(interaction, Reply, DiscordEmbeds.Message(DiscordText.Escape(text), ephemeral: true), cancellationToken).ConfigureAwait(false);
    }

    private Task OnAutocompleteAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var typed = ServiceCatalog.Key(interaction.FocusedValue ?? "");
        var choices = new JsonArray();
        foreach (var service in catalog.Services
            .Where(service => typed.Length == 0 || service.Aliases.Append(service.Name).Append(service.Id).Any(name => ServiceCatalog.Key(name).Contains(typed, StringComparison.Ordinal)))
            .OrderBy(service => !ServiceCatalog.Key(service.Name).StartsWith(typed, StringComparison.Ordinal))
            .ThenBy(service => service.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxChoices))
        {
            choices.Add(new JsonObject { ["name"] = DiscordText.Limit(service.Name, 100), ["value"] = service.Id });
        }

        return rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token,
            new JsonObject { ["type"] = AutocompleteResult, ["data"] = new JsonObject { ["choices"] = choices } }, cancellationToken);
    }

    /// <summary>A DM, or a server message that mentions the bot, asking a question in plain words.</summary>
    private async Task OnMessageAsync(JsonElement message, CancellationToken cancellationToken)
    {
        if (message.ValueKind != JsonValueKind.Object || Interaction.Text(message, "channel_id") is not { } channelId
            || Interaction.Text(message, "id") is not { } messageId || Interaction.Text(message, "content") is not { Length: > 0 } content
            || !message.TryGetProperty("author", out var author) || (author.TryGetProperty("bot", out var bot) && bot.ValueKind == JsonValueKind.True))
        {
            return;
        }

        var inGuild = Interaction.Text(message, "guild_id") is not null;
        var mentioned = identity.UserId is { } me && message.TryGetProperty("mentions", out var mentions) && mentions.ValueKind == JsonValueKind.Array
            && mentions.EnumerateArray().Any(mention => Interaction.Text(mention, "id") == me);
        if (inGuild && !mentioned)
        {
            return;
        }

        var texts = DiscordTexts.English;
        var question = parser.Parse(content);
        JsonObject reply;
        switch (question.Intent)
        {
            case Intent.Check when question.Target?.Service is { } service:
                var report = await checker.CheckAsync(service, cancellationToken).ConfigureAwait(false);
                var open = service.IsUserSupplied ? null : await store.OpenIncidentAsync(service.Id, cancellationToken).ConfigureAwait(false);
                reply = DiscordEmbeds.Message(null, DiscordEmbeds.Report(report, open, texts), DiscordEmbeds.Buttons(service, texts));
                break;
            case Intent.Check when question.Target is { } unknown:
                reply = DiscordEmbeds.Message(UnknownService(unknown, texts));
                break;
            case Intent.Status:
                var reports = await checker.CheckManyAsync(catalog.Services, cancellationToken).ConfigureAwait(false);
                reply = DiscordEmbeds.Message(null, DiscordEmbeds.Status(reports, texts));
                break;
            default:
                reply = DiscordEmbeds.Message(texts.Help);
                break;
        }

        reply["message_reference"] = new JsonObject { ["message_id"] = messageId, ["fail_if_not_exists"] = false };
        await rest.CreateMessageAsync(channelId, reply, cancellationToken).ConfigureAwait(false);
    }

    private async Task EditWithReportAsync(Interaction interaction, ServiceDefinition service, DiscordTexts texts, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(service, cancellationToken).ConfigureAwait(false);
        var open = service.IsUserSupplied ? null : await store.OpenIncidentAsync(service.Id, cancellationToken).ConfigureAwait(false);
        var message = DiscordEmbeds.Message(null, DiscordEmbeds.Report(report, open, texts), DiscordEmbeds.Buttons(service, texts));
        await EditAsync(interaction, message, cancellationToken).ConfigureAwait(false);
    }

    private Task RespondAsync(Interaction interaction, int type, JsonObject? message, CancellationToken cancellationToken)
    {
        var response = new JsonObject { ["type"] = type };
        if (message is not null)
        {
            response["data"] = message;
        }

        return rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, response, cancellationToken);
    }

    private Task EditAsync(Interaction interaction, JsonObject message, CancellationToken cancellationToken) =>
        rest.EditOriginalResponseAsync(interaction.ApplicationId ?? identity.ApplicationId ?? "", interaction.Token, message, cancellationToken);

    private static string UnknownService(CatalogLookup lookup, DiscordTexts texts)
    {
        if (string.IsNullOrWhiteSpace(lookup.Query))
        {
            return texts.WhichService;
        }

        var query = DiscordText.Escape(DiscordText.Limit(lookup.Query, 40));
        var text = string.Format(CultureInfo.InvariantCulture, texts.UnknownService, query);
        return lookup.Suggestions.Count == 0
            ? text
            : text + " " + string.Format(CultureInfo.InvariantCulture, texts.DidYouMean, string.Join(", ", lookup.Suggestions.Select(service => "**" + DiscordText.Escape(service.Name) + "**")));
    }

    private static ChannelRef Channel(Interaction interaction) => new(DiscordAlertSink.PlatformName, interaction.ChannelId ?? "");

    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Discord: commands registered for {Scope}")]
    private static partial void LogCommandsRegistered(ILogger logger, string scope);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning, Message = "Discord: answering {EventName} failed: {Failure}")]
    private static partial void LogAnswerFailed(ILogger logger, string eventName, string failure);
}
