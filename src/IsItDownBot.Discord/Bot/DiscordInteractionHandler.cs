using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Safety;
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
    QuestionLimiter limiter,
    IBotStore store,
    IOptions<DiscordOptions> options,
    ILogger<DiscordInteractionHandler> logger)
{
    private const string Platform = "discord";

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
        // The command list is one per application: shard 0 registers it, the other shards' processes need not.
        if (identity.ApplicationId is not { } applicationId || options.Value.ShardId != 0 || !identity.ClaimCommandRegistration())
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
        if (await RefusedAsync(interaction, limiter.TryQuestion(Platform, interaction.UserId ?? "", interaction.ChannelId ?? ""), texts, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        switch (interaction.Name)
        {
            case "isitdown":
                var lookup = catalog.Lookup(interaction.Option("service") ?? "", allowTypos: true);
                if (lookup.Service is not { } service)
                {
                    await RespondAsync(interaction, Reply, DiscordEmbeds.Message(UnknownService(lookup, texts), ephemeral: true), cancellationToken).ConfigureAwait(false);
                    return;
                }

                if (service.IsUserSupplied
                    && await RefusedAsync(interaction, limiter.TryDomainCheck(Platform, interaction.UserId ?? ""), texts, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                await RespondAsync(interaction, DeferredReply, null, cancellationToken).ConfigureAwait(false);
                await AfterDeferringAsync(interaction, texts, () => ReportMessageAsync(service, texts, cancellationToken), cancellationToken).ConfigureAwait(false);
                break;
            case "status":
                await RespondAsync(interaction, DeferredReply, null, cancellationToken).ConfigureAwait(false);
                await AfterDeferringAsync(interaction, texts, async () =>
                {
                    var reports = await checker.CheckManyAsync(catalog.Services, cancellationToken).ConfigureAwait(false);
                    return DiscordEmbeds.Message(null, DiscordEmbeds.Status(reports, texts));
                }, cancellationToken).ConfigureAwait(false);
                break;
            case "subscribe" or "unsubscribe" or "subscriptions":
                // The store may be slow or locked: defer (privately) first, so the 3-second window never depends on it.
                await RespondAsync(interaction, DeferredReply, new JsonObject { ["flags"] = 64 }, cancellationToken).ConfigureAwait(false);
                await AfterDeferringAsync(interaction, texts, () => SubscriptionMessageAsync(interaction, interaction.Name!, interaction.Option("service"), texts, cancellationToken), cancellationToken)
                    .ConfigureAwait(false);
                break;
            default:
                await RespondAsync(interaction, Reply, DiscordEmbeds.Message(texts.Help, ephemeral: true), cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>Edits the deferred answer in; if producing it fails, says so instead of leaving "thinking…" for ever.</summary>
    private async Task AfterDeferringAsync(Interaction interaction, DiscordTexts texts, Func<Task<JsonObject>> answer, CancellationToken cancellationToken)
    {
        var service = interaction.Option("service");
        JsonObject message;
        try
        {
            message = await answer().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Whatever failed, the person gets an answer; the failure is logged.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            LogInteractionFailed(logger, interaction.Name ?? "interaction", Platform, interaction.ChannelId, service, $"{exception.GetType().Name}: {exception.Message}");
            message = DiscordEmbeds.Message(texts.TryAgain);
        }

        await EditAsync(interaction, message, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, interaction.Name ?? "interaction", Platform, interaction.ChannelId, service);
    }

    private async Task<JsonObject> SubscriptionMessageAsync(Interaction interaction, string command, string? target, DiscordTexts texts, CancellationToken cancellationToken)
    {
        var channel = Channel(interaction);
        if (command == "subscriptions")
        {
            var followed = await subscriptions.ListAsync(channel, cancellationToken).ConfigureAwait(false);
            return DiscordEmbeds.Message(followed.Count == 0
                ? texts.NoSubscriptions
                : texts.SubscriptionsTitle + "\n" + string.Join('\n', followed.Select(service => "• " + DiscordText.Escape(service.Name))));
        }

        var result = command == "subscribe"
            ? await subscriptions.SubscribeAsync(channel, target, interaction.UserId ?? "unknown", interaction.MayManageChannel, texts.Language, cancellationToken).ConfigureAwait(false)
            : await subscriptions.UnsubscribeAsync(channel, target, interaction.MayManageChannel, cancellationToken).ConfigureAwait(false);
        return DiscordEmbeds.Message(DiscordText.Escape(result.Outcome == SubscriptionOutcome.NotPermitted ? texts.OnlyModerators : result.Message.In(texts.Language)));
    }

    private async Task OnComponentAsync(Interaction interaction, CancellationToken cancellationToken)
    {
        var texts = DiscordTexts.For(interaction.Locale);
        var (action, serviceId) = Components.Parse(interaction.CustomId);
        var service = serviceId is null ? null : catalog.Find(serviceId) ?? (HostName.TryParseTarget(serviceId, out var host, out var endpoint) ? ServiceDefinition.ForTarget(host, endpoint) : null);
        if (service is null)
        {
            await RespondAsync(interaction, DeferredUpdate, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (action == "check")
        {
            var allowed = limiter.TryQuestion(Platform, interaction.UserId ?? "", interaction.ChannelId ?? "");
            if (allowed.Allowed && service.IsUserSupplied)
            {
                allowed = limiter.TryDomainCheck(Platform, interaction.UserId ?? "");
            }

            if (await RefusedAsync(interaction, allowed, texts, cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            // The button's message is the interaction's original: the fresh report replaces it in place.
            await RespondAsync(interaction, DeferredUpdate, null, cancellationToken).ConfigureAwait(false);
            await AfterDeferringAsync(interaction, texts, () => ReportMessageAsync(service, texts, cancellationToken), cancellationToken).ConfigureAwait(false);
            return;
        }

        // "Alert this channel": a private answer, deferred first so the store's speed does not matter.
        await RespondAsync(interaction, DeferredReply, new JsonObject { ["flags"] = 64 }, cancellationToken).ConfigureAwait(false);
        await AfterDeferringAsync(interaction, texts, () => SubscriptionMessageAsync(interaction, "subscribe", service.Id, texts, cancellationToken), cancellationToken)
            .ConfigureAwait(false);
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

        // In a server only a message that names the bot in its text is for it: a reply to one of its alerts
        // ("thanks") lists the bot among the mentions without asking anything.
        var inGuild = Interaction.Text(message, "guild_id") is not null;
        var mentioned = identity.UserId is { } me
            && (content.Contains($"<@{me}>", StringComparison.Ordinal) || content.Contains($"<@!{me}>", StringComparison.Ordinal));
        if ((inGuild && !mentioned) || !_seen.FirstTime("message:" + messageId))
        {
            return;
        }

        // A message carries no locale (a slash command does): it is answered in the language its words are in.
        var question = parser.Parse(content);
        var texts = question.Language == Language.French ? DiscordTexts.French : DiscordTexts.English;
        var authorId = Interaction.Text(author, "id") ?? "";
        var allowed = limiter.TryQuestion(Platform, authorId, channelId);
        if (allowed.Allowed && question is { Intent: Intent.Check, Target.Service.IsUserSupplied: true })
        {
            allowed = limiter.TryDomainCheck(Platform, authorId);
        }

        JsonObject reply;
        if (!allowed.Allowed)
        {
            // Said in the channel once per window, then silence: answering every message of a flood floods too.
            if (!allowed.FirstRefusal)
            {
                return;
            }

            reply = DiscordEmbeds.Message(DiscordText.Escape(allowed.Reply.In(texts.Language)));
            reply["message_reference"] = new JsonObject { ["message_id"] = messageId, ["fail_if_not_exists"] = false };
            await rest.CreateMessageAsync(channelId, reply, cancellationToken).ConfigureAwait(false);
            return;
        }

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

    /// <summary>
    /// Answers a refused interaction privately (an ephemeral reply only the asker sees, so it may repeat without
    /// flooding anyone) and says whether it was refused.
    /// </summary>
    private async Task<bool> RefusedAsync(Interaction interaction, LimitDecision decision, DiscordTexts texts, CancellationToken cancellationToken)
    {
        if (decision.Allowed)
        {
            return false;
        }

        var text = DiscordText.Escape(decision.Reply.In(texts.Language));
        await RespondAsync(interaction, Reply, DiscordEmbeds.Message(text, ephemeral: true), cancellationToken).ConfigureAwait(false);
        return true;
    }

    private async Task<JsonObject> ReportMessageAsync(ServiceDefinition service, DiscordTexts texts, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(service, cancellationToken).ConfigureAwait(false);
        var open = service.IsUserSupplied ? null : await store.OpenIncidentAsync(service.Id, cancellationToken).ConfigureAwait(false);
        return DiscordEmbeds.Message(null, DiscordEmbeds.Report(report, open, texts), DiscordEmbeds.Buttons(service, texts));
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

    [LoggerMessage(EventId = 520, Level = LogLevel.Warning, Message = "Discord: answering /{Command} in {Platform}:{Channel} about {Service} failed: {Failure}")]
    private static partial void LogInteractionFailed(ILogger logger, string command, string platform, string? channel, string? service, string failure);

    [LoggerMessage(EventId = 521, Level = LogLevel.Debug, Message = "Discord: answered /{Command} in {Platform}:{Channel} about {Service}")]
    private static partial void LogAnswered(ILogger logger, string command, string platform, string? channel, string? service);
}
