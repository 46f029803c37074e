using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Safety;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace IsItDownBot.Telegram;

/// <summary>
/// Answers one update: a question, a command, or a button press. What is not for the bot (other bots'
/// commands, group chatter, stickers, edits, channel posts) is ignored.
/// </summary>
internal sealed partial class TelegramUpdateHandler(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    QuestionParser parser,
    ServiceCatalog catalog,
    StatusChecker checker,
    SubscriptionService subscriptions,
    QuestionLimiter limiter,
    IBotStore store,
    ILogger<TelegramUpdateHandler> logger)
{
    // Only group admins post "on behalf of the group"; such messages come from this account.
    private const long GroupAnonymousBot = 1087968824;

    public Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        return update switch
        {
            { Message: { } message } => HandleMessageAsync(message, cancellationToken),
            { CallbackQuery: { } query } => HandleCallbackAsync(query, cancellationToken),
            _ => Task.CompletedTask,
        };
    }

    private async Task HandleMessageAsync(Message message, CancellationToken cancellationToken)
    {
        // A group that became a supergroup keeps its alerts under its new id.
        if (message.MigrateToChatId is long newId)
        {
            await store.MoveChannelAsync(Channel(message.Chat.Id), Channel(newId), cancellationToken).ConfigureAwait(false);
            return;
        }

        if (message.Text is not { Length: > 0 } text || message.From is not { } from || (from.IsBot && from.Id != GroupAnonymousBot))
        {
            return;
        }

        var isPrivate = message.Chat.Type == ChatType.Private;
        var isCommand = text.StartsWith('/');
        if (isCommand && !identity.OwnsCommand(text))
        {
            return;
        }

        // In groups the bot answers commands and messages that mention it; in private chats, everything.
        var addressed = identity.IsAddressedIn(message) || identity.IsNamedIn(text);
        if (!isPrivate && !isCommand && !addressed)
        {
            return;
        }

        // Answered in the language it was asked in, when its words tell; otherwise in the language of the user's app.
        var question = parser.Parse(text);
        var language = question.Language ?? Languages.FromCode(from.LanguageCode);
        var texts = TelegramTexts.For(language);
        var reply = new Reply(client, message);
        var allowed = limiter.TryQuestion(TelegramAlertSink.PlatformName, UserKey(from), reply.ChatId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (!allowed.Allowed)
        {
            await SlowDownAsync(reply, allowed, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        switch (question.Intent)
        {
            case Intent.Check:
                await AnswerCheckAsync(reply, question.Target, from, language, cancellationToken).ConfigureAwait(false);
                break;
            case Intent.Status:
                await reply.TypingAsync(cancellationToken).ConfigureAwait(false);
                var reports = await checker.CheckManyAsync(catalog.Services, cancellationToken).ConfigureAwait(false);
                await reply.SendAsync(TelegramFormatter.Status(reports, texts), null, cancellationToken).ConfigureAwait(false);
                break;
            case Intent.Subscribe or Intent.Unsubscribe:
                var target = question.AllServices ? SubscriptionService.AllServices : question.Target?.Query;
                var permitted = await MayManageAsync(message.Chat, from, message.SenderChat, cancellationToken).ConfigureAwait(false);
                var result = question.Intent == Intent.Subscribe
                    ? await subscriptions.SubscribeAsync(Channel(message.Chat.Id), target, Who(from), permitted, language, cancellationToken).ConfigureAwait(false)
                    : await subscriptions.UnsubscribeAsync(Channel(message.Chat.Id), target, permitted, cancellationToken).ConfigureAwait(false);
                await reply.SendAsync(TelegramHtml.Escape(TelegramReplies.Subscription(result, language)), null, cancellationToken).ConfigureAwait(false);
                break;
            case Intent.Subscriptions:
                var followed = await subscriptions.ListAsync(Channel(message.Chat.Id), cancellationToken).ConfigureAwait(false);
                await reply.SendAsync(TelegramFormatter.Subscriptions(followed, texts), null, cancellationToken).ConfigureAwait(false);
                break;
            case Intent.Help:
                await reply.SendAsync(texts.Help, null, cancellationToken).ConfigureAwait(false);
                break;
            default:
                // A private message the bot cannot read as a question gets the help; in a group, only a message
                // meant for the bot does ("/ban" or another bot's unsuffixed command is not ours to answer).
                if (isPrivate || addressed)
                {
                    await reply.SendAsync(texts.Help, null, cancellationToken).ConfigureAwait(false);
                }

                break;
        }
    }

    private async Task AnswerCheckAsync(Reply reply, CatalogLookup? target, User from, Language language, CancellationToken cancellationToken)
    {
        var texts = TelegramTexts.For(language);
        if (target is null)
        {
            await reply.SendAsync(texts.WhichService, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (target.Service is not { } service)
        {
            await reply.SendAsync(TelegramFormatter.UnknownService(target.Query, target.Suggestions, texts), null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (service.IsUserSupplied && limiter.TryDomainCheck(TelegramAlertSink.PlatformName, UserKey(from)) is { Allowed: false } refused)
        {
            await SlowDownAsync(reply, refused, language, cancellationToken).ConfigureAwait(false);
            return;
        }

        await reply.TypingAsync(cancellationToken).ConfigureAwait(false);
        var (html, buttons) = await ReportAsync(service, texts, cancellationToken).ConfigureAwait(false);
        await reply.SendAsync(html, buttons, cancellationToken).ConfigureAwait(false);
        LogAnswered(logger, service.Id, TelegramAlertSink.PlatformName, reply.ChatId);
    }

    private async Task<(string Html, InlineKeyboardMarkup? Buttons)> ReportAsync(ServiceDefinition service, TelegramTexts texts, CancellationToken cancellationToken)
    {
        var report = await checker.CheckAsync(service, cancellationToken).ConfigureAwait(false);
        var open = service.IsUserSupplied ? null : await store.OpenIncidentAsync(service.Id, cancellationToken).ConfigureAwait(false);
        return (TelegramFormatter.Report(report, open, texts), TelegramFormatter.Buttons(service, texts));
    }

    private async Task HandleCallbackAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        var language = Languages.FromCode(query.From.LanguageCode);
        var texts = TelegramTexts.For(language);
        var (action, serviceId) = CallbackData.Parse(query.Data);
        var service = serviceId is null ? null : catalog.Find(serviceId) ?? (HostName.TryParseTarget(serviceId, out var host, out var endpoint) ? ServiceDefinition.ForTarget(host, endpoint) : null);
        if (service is null || query.Message is not { } message)
        {
            await client.AnswerCallbackQuery(query.Id, cancellationToken: cancellationToken).ConfigureAwait(false);
            return;
        }

        if (action == "check")
        {
            // A button is a question too: a "Check again" pressed in a loop is held to the same limits.
            var allowed = limiter.TryQuestion(TelegramAlertSink.PlatformName, UserKey(query.From), message.Chat.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (allowed.Allowed && service.IsUserSupplied)
            {
                allowed = limiter.TryDomainCheck(TelegramAlertSink.PlatformName, UserKey(query.From));
            }

            if (!allowed.Allowed)
            {
                // A button press is answered privately (a toast only the presser sees), so it always says why.
                var wait = allowed.Reply.In(language);
                await client.AnswerCallbackQuery(query.Id, wait.Length <= 200 ? wait : wait[..199] + "…", cancellationToken: cancellationToken).ConfigureAwait(false);
                return;
            }

            // Answered first: the spinner on the button stops while the check runs.
            await client.AnswerCallbackQuery(query.Id, texts.Checking, cancellationToken: cancellationToken).ConfigureAwait(false);
            var (html, buttons) = await ReportAsync(service, texts, cancellationToken).ConfigureAwait(false);
            try
            {
                await client.EditMessageText(message.Chat.Id, message.MessageId, html, ParseMode.Html, buttons,
                    new LinkPreviewOptions { IsDisabled = true }, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (ApiRequestException exception) when (exception.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
            {
                // Same answer as before: nothing to change.
            }

            return;
        }

        // "Alert me": whatever happens, the button press gets an answer, or it spins on the person's screen.
        string answer;
        try
        {
            var permitted = await MayManageAsync(message.Chat, query.From, null, cancellationToken).ConfigureAwait(false);
            var result = await subscriptions.SubscribeAsync(Channel(message.Chat.Id), service.Id, Who(query.From), permitted, language, cancellationToken).ConfigureAwait(false);
            answer = TelegramReplies.Subscription(result, language);
        }
        catch (Exception exception) when (TelegramErrors.IsExpected(exception) || exception is Microsoft.Data.Sqlite.SqliteException)
        {
            answer = texts.TryAgain;
        }

        await client.AnswerCallbackQuery(query.Id, answer.Length <= 200 ? answer : answer[..199] + "…", showAlert: true, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Tells a person who asks too often to slow down, once per window; later messages get no answer.</summary>
    private static async Task SlowDownAsync(Reply reply, LimitDecision decision, Language language, CancellationToken cancellationToken)
    {
        if (decision.FirstRefusal)
        {
            await reply.SendAsync(TelegramHtml.Escape(decision.Reply.In(language)), null, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string UserKey(User user) => user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>In a private chat the person manages their own alerts; in a group only its administrators do.</summary>
    private async Task<bool> MayManageAsync(Chat chat, User from, Chat? senderChat, CancellationToken cancellationToken)
    {
        if (chat.Type == ChatType.Private)
        {
            return true;
        }

        if (from.Id == GroupAnonymousBot && senderChat?.Id == chat.Id)
        {
            return true;
        }

        var member = await client.GetChatMember(chat.Id, from.Id, cancellationToken).ConfigureAwait(false);
        return member.Status is ChatMemberStatus.Creator or ChatMemberStatus.Administrator;
    }

    private static ChannelRef Channel(long chatId) =>
        new(TelegramAlertSink.PlatformName, chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Who(User user) =>
        user.Username is { Length: > 0 } username ? $"{user.Id} @{username}" : user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Replies in the message's chat, as an answer to it, in HTML, without link previews.</summary>
    private sealed class Reply(ITelegramBotClient client, Message message)
    {
        public long ChatId => message.Chat.Id;

        // In a forum, "typing" and the answer belong in the question's topic, not in General.
        private int? Thread => message.IsTopicMessage ? message.MessageThreadId : null;

        public async Task TypingAsync(CancellationToken cancellationToken)
        {
            try
            {
                await client.SendChatAction(message.Chat.Id, ChatAction.Typing, Thread, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (TelegramErrors.IsExpected(exception))
            {
                // "typing" is a courtesy: the answer matters, not this.
            }
        }

        public Task SendAsync(string html, InlineKeyboardMarkup? buttons, CancellationToken cancellationToken) =>
            client.SendMessage(
                message.Chat.Id,
                html,
                ParseMode.Html,
                replyParameters: new ReplyParameters { MessageId = message.MessageId, AllowSendingWithoutReply = true },
                replyMarkup: buttons,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                messageThreadId: Thread,
                cancellationToken: cancellationToken);
    }

    [LoggerMessage(EventId = 410, Level = LogLevel.Debug, Message = "Telegram: answered a question about {Service} in {Platform}:{Channel}")]
    private static partial void LogAnswered(ILogger logger, string service, string platform, long channel);
}
