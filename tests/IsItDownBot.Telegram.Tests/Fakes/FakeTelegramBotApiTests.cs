using System.Text.Json.Nodes;
using IsItDownBot.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace IsItDownBot.Telegram.Tests.Fakes;

/// <summary>The fake against the real Telegram.Bot client: what the client accepts is what the fake must serve.</summary>
public sealed class FakeTelegramBotApiTests : IAsyncLifetime
{
    private const long Alice = 1001;
    private const long Group = -4_000_000_001;

    private FakeTelegramBotApi _fake = null!;
    private TelegramBotClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake = await FakeTelegramBotApi.StartAsync();
        _client = ClientFor(_fake);
    }

    public async Task DisposeAsync() => await _fake.DisposeAsync();

    private static TelegramBotClient ClientFor(FakeTelegramBotApi fake, int retryThreshold = 0) =>
        new(new TelegramBotClientOptions(fake.Token, baseUrl: fake.BaseUrl) { RetryThreshold = retryThreshold });

    [Fact]
    public async Task GetMe_ReturnsTheBotUser()
    {
        var me = await _client.GetMe();

        Assert.Equal(123456, me.Id);
        Assert.True(me.IsBot);
        Assert.Equal("IsItDownTestBot", me.Username);
    }

    [Fact]
    public async Task GetUpdates_ReturnsAnEnqueuedPrivateMessage_WithChatSenderAndLanguage()
    {
        var id = _fake.EnqueueMessage(Alice, "is github down?", languageCode: "de");

        var update = Assert.Single(await _client.GetUpdates());

        Assert.Equal(id, update.Id);
        Assert.Equal(UpdateType.Message, update.Type);
        var message = update.Message!;
        Assert.Equal("is github down?", message.Text);
        Assert.Equal(Alice, message.Chat.Id);
        Assert.Equal(ChatType.Private, message.Chat.Type);
        Assert.Equal(Alice, message.From!.Id);
        Assert.False(message.From.IsBot);
        Assert.Equal("alice", message.From.Username);
        Assert.Equal("de", message.From.LanguageCode);
        Assert.Null(message.Entities);
    }

    [Fact]
    public async Task GetUpdates_GroupCommand_HasTitleAndCommandAndMentionEntities()
    {
        _fake.EnqueueMessage(Group, "/subscribe@IsItDownTestBot github ask @someone_else", chatType: "group");

        var message = Assert.Single(await _client.GetUpdates()).Message!;

        Assert.Equal(ChatType.Group, message.Chat.Type);
        Assert.False(string.IsNullOrEmpty(message.Chat.Title));
        Assert.Equal(MessageType.Text, message.Type);
        Assert.Collection(
            message.Entities!,
            command => Assert.Equal((MessageEntityType.BotCommand, 0, "/subscribe@IsItDownTestBot".Length), (command.Type, command.Offset, command.Length)),
            mention => Assert.Equal((MessageEntityType.Mention, 38, "@someone_else".Length), (mention.Type, mention.Offset, mention.Length)));
        Assert.Equal(["/subscribe@IsItDownTestBot", "@someone_else"], message.EntityValues!);
    }

    [Fact]
    public async Task GetUpdates_LongPoll_ReturnsWhenAMessageArrivesDuringTheWait()
    {
        var poll = _client.GetUpdates(timeout: 50);
        await _fake.WaitForCallAsync(call => call.Is("getUpdates"));
        Assert.False(poll.IsCompleted);

        _fake.EnqueueMessage(Alice, "hello");

        var update = Assert.Single(await poll.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.Equal("hello", update.Message!.Text);
    }

    [Fact]
    public async Task GetUpdates_LongPoll_WithNothingQueued_AnswersEmptyAfterTheTimeout()
    {
        Assert.Empty(await _client.GetUpdates(timeout: 1));
    }

    [Fact]
    public async Task GetUpdates_Offset_ConfirmsEarlierUpdates()
    {
        var first = _fake.EnqueueMessage(Alice, "one");
        var second = _fake.EnqueueMessage(Alice, "two");

        Assert.Equal([first, second], (await _client.GetUpdates()).Select(u => (long)u.Id));
        Assert.Equal([first, second], (await _client.GetUpdates()).Select(u => (long)u.Id));
        Assert.Equal([second], (await _client.GetUpdates(offset: (int)first + 1)).Select(u => (long)u.Id));
        Assert.Empty(await _client.GetUpdates(offset: (int)second + 1));
        Assert.Equal(0, _fake.PendingUpdates);
    }

    [Fact]
    public async Task GetUpdates_NegativeOffset_KeepsOnlyTheLastUpdates()
    {
        _fake.EnqueueMessage(Alice, "one");
        var last = _fake.EnqueueMessage(Alice, "two");

        Assert.Equal([last], (await _client.GetUpdates(offset: -1)).Select(u => (long)u.Id));
        Assert.Equal(1, _fake.PendingUpdates);
    }

    [Fact]
    public async Task Dispose_WithALongPollPending_StopsPromptly()
    {
        var fake = await FakeTelegramBotApi.StartAsync();
        var poll = ClientFor(fake).GetUpdates(timeout: 50);
        await fake.WaitForCallAsync(call => call.Is("getUpdates"));

        await fake.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        var updates = await poll.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Empty(updates);
    }

    [Fact]
    public async Task SendMessage_Html_IsRecordedWithParseModeAndInlineKeyboard()
    {
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Recheck", "recheck:github"));

        var sent = await _client.SendMessage(Alice, "<b>github</b> is up &amp; fine", ParseMode.Html, replyMarkup: keyboard);
        var again = await _client.SendMessage(Alice, "second");

        Assert.Equal(sent.MessageId + 1, again.MessageId);
        Assert.Equal(Alice, sent.Chat.Id);
        Assert.Equal("github is up & fine", sent.Text); // as Telegram: the text shown, not the markup
        Assert.Equal("recheck:github", sent.ReplyMarkup!.InlineKeyboard.Single().Single().CallbackData);

        var call = _fake.Sent(Alice)[0];
        Assert.Equal(Alice, call.ChatId);
        Assert.Equal("<b>github</b> is up &amp; fine", call.Text);
        // Telegram.Bot writes the enum name; the Bot API takes parse_mode case-insensitively.
        Assert.Equal("Html", call.Body["parse_mode"]!.GetValue<string>());
        var button = call.Body["reply_markup"]!["inline_keyboard"]![0]![0]!;
        Assert.Equal("Recheck", button["text"]!.GetValue<string>());
        Assert.Equal("recheck:github", button["callback_data"]!.GetValue<string>());
        Assert.Equal(2, _fake.Sent(Alice).Count);
        Assert.Empty(_fake.Sent(Group));
    }

    [Theory]
    [InlineData("AT&T is down")]
    [InlineData("latency < 5 ms")]
    [InlineData("<b>github</b> is up > 99%")]
    [InlineData("<b>github is up")]
    [InlineData("<b>github</i> is up")]
    [InlineData("<div>github</div> is up")]
    public async Task SendMessage_Html_RefusesWhatTelegramCannotParse(string text)
    {
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(Alice, text, ParseMode.Html));

        Assert.Equal(400, error.ErrorCode);
        Assert.StartsWith("Bad Request: can't parse entities: ", error.Message, StringComparison.Ordinal);
        Assert.Empty(_fake.Sent());
    }

    [Theory]
    [InlineData("AT&amp;T &lt;5 ms&gt; &#9989; &quot;ok&quot;", "AT&T <5 ms> \u2705 \"ok\"")]
    [InlineData("<b>bold <i>both</i></b> <a href=\"https://example.com/?a=1&amp;b=2\">link</a> <code>x</code>", "bold both link x")]
    [InlineData("<tg-spoiler>s</tg-spoiler> <span class=\"tg-spoiler\">s</span> <pre><code class=\"language-text\">x</code></pre>", "s s x")]
    public async Task SendMessage_Html_AcceptsEscapedTextAndSupportedTags(string html, string shown)
    {
        var sent = await _client.SendMessage(Alice, html, ParseMode.Html);

        Assert.Equal(shown, sent.Text);
        Assert.Equal(html, _fake.Sent().Single().Text);
    }

    [Fact]
    public async Task SendMessage_PlainText_IsNotParsedAsHtml()
    {
        await _client.SendMessage(Alice, "AT&T latency < 5 ms");

        Assert.Single(_fake.Sent());
    }

    [Fact]
    public async Task ParameterlessAndBooleanMethods_Succeed()
    {
        await _client.SetMyCommands([new BotCommand { Command = "status", Description = "Is it down?" }]);
        await _client.SendChatAction(Alice, ChatAction.Typing);
        await _client.DeleteWebhook();

        Assert.Equal(["setMyCommands", "sendChatAction", "deleteWebhook"], _fake.Calls.Select(c => c.Method));
        Assert.Equal("status", _fake.Calls[0].Body["commands"]![0]!["command"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("creator", typeof(ChatMemberOwner))]
    [InlineData("administrator", typeof(ChatMemberAdministrator))]
    [InlineData("member", typeof(ChatMemberMember))]
    [InlineData("restricted", typeof(ChatMemberRestricted))]
    [InlineData("left", typeof(ChatMemberLeft))]
    [InlineData("kicked", typeof(ChatMemberBanned))]
    public async Task GetChatMember_DeserializesToTheTypeForItsStatus(string status, Type expected)
    {
        _fake.EnqueueMessage(Group, "/subscribe github", chatType: "group");
        _fake.SetChatMemberStatus(Group, Alice, status);

        var member = await _client.GetChatMember(Group, Alice);

        Assert.IsType(expected, member);
        Assert.Equal(Alice, member.User.Id);
        Assert.Equal("alice", member.User.Username);
    }

    [Fact]
    public async Task GetChatMember_DefaultsToMember_AndAdministratorIsAdmin()
    {
        _fake.SetChatMemberStatus(Group, 2002, "administrator");

        Assert.IsType<ChatMemberMember>(await _client.GetChatMember(Group, Alice));
        var admin = await _client.GetChatMember(Group, 2002);
        Assert.True(admin.IsAdmin);
        Assert.Equal(ChatMemberStatus.Administrator, admin.Status);
    }

    [Fact]
    public async Task BlockChat_SendMessageThrows403()
    {
        _fake.BlockChat(Alice);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(Alice, "github is down"));

        Assert.Equal(403, error.ErrorCode);
        Assert.Equal("Forbidden: bot was blocked by the user", error.Message);
        Assert.Empty(_fake.Sent());
        Assert.Single(_fake.Calls);
    }

    [Fact]
    public async Task MigrateChat_SendMessageThrows400WithTheNewChatId()
    {
        const long supergroup = -1_001_234_567_890;
        _fake.MigrateChat(Group, supergroup);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(Group, "github is down"));

        Assert.Equal(400, error.ErrorCode);
        Assert.Equal(supergroup, error.Parameters?.MigrateToChatId);
        var moved = await _client.SendMessage(supergroup, "github is down");
        Assert.Equal(ChatType.Supergroup, moved.Chat.Type);
    }

    [Fact]
    public async Task RateLimit_WithRetryThresholdZero_ThrowsAt429WithRetryAfter_AndDoesNotRetry()
    {
        _fake.RateLimit(messagesAllowed: 2, per: TimeSpan.FromMinutes(1), retryAfterSeconds: 7);

        await _client.SendMessage(Alice, "one");
        await _client.SendMessage(Group, "two");
        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.SendMessage(Alice, "three"));

        Assert.Equal(429, error.ErrorCode);
        Assert.Equal(7, error.Parameters?.RetryAfter);
        Assert.Equal(1, _fake.TooManyRequests);
        Assert.Equal(3, _fake.Calls.Count);
        Assert.Equal(2, _fake.Sent().Count);
    }

    // Why RetryThreshold = 0 matters: by default the client sleeps retry_after and retries on its own,
    // so the bot's own limiter never sees the 429.
    [Fact]
    public async Task RateLimit_WithTheDefaultRetryThreshold_TheClientRetriesByItself()
    {
        var retrying = new TelegramBotClient(new TelegramBotClientOptions(_fake.Token, baseUrl: _fake.BaseUrl));
        // The window is half the retry_after: once the client has slept retry_after, the window has passed,
        // however late the retry lands.
        _fake.RateLimit(messagesAllowed: 1, per: TimeSpan.FromSeconds(1), retryAfterSeconds: 2);

        await retrying.SendMessage(Alice, "one");
        await retrying.SendMessage(Alice, "two");

        Assert.Equal(1, _fake.TooManyRequests);
        Assert.Equal(3, _fake.Calls.Count);
        Assert.Equal(["one", "two"], _fake.Sent().Select(c => c.Text));
    }

    [Fact]
    public async Task FailNext_WithErrorJson_ThrowsApiRequestExceptionWithTheStatus_ThenRecovers()
    {
        _fake.FailNext(1, statusCode: 502);

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => _client.GetMe());

        Assert.Equal(502, error.ErrorCode);
        Assert.Equal("IsItDownTestBot", (await _client.GetMe()).Username);
    }

    [Fact]
    public async Task FailNext_WithANonJsonBody_ThrowsRequestException_NotApiRequestException()
    {
        _fake.FailNext(1, statusCode: 500, rawBody: "<html>oops</html>");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => _client.GetUpdates());

        // Telegram.Bot 22 reports an unparsable body as RequestException ("There was an exception during
        // deserialization of the response") carrying the HTTP status, with the JsonException inside.
        var request = Assert.IsType<RequestException>(error);
        Assert.Equal(System.Net.HttpStatusCode.InternalServerError, request.HttpStatusCode);
        Assert.IsAssignableFrom<System.Text.Json.JsonException>(request.InnerException);
    }

    [Fact]
    public async Task FailFor_FailsEveryRequestUntilItEnds()
    {
        _fake.FailFor(TimeSpan.FromHours(1));

        await Assert.ThrowsAsync<ApiRequestException>(() => _client.GetMe());
        await Assert.ThrowsAsync<ApiRequestException>(() => _client.GetUpdates());

        _fake.FailFor(TimeSpan.Zero);
        await _client.GetMe();
    }

    [Fact]
    public async Task CallbackQuery_OnASentMessage_DeserializesAndCanBeAnsweredAndEdited()
    {
        var keyboard = new InlineKeyboardMarkup(InlineKeyboardButton.WithCallbackData("Recheck", "recheck:github"));
        var sent = await _client.SendMessage(Alice, "github is down", replyMarkup: keyboard);
        _fake.EnqueueCallbackQuery(Alice, Alice, "recheck:github", sent.MessageId, languageCode: "fr");

        var query = Assert.Single(await _client.GetUpdates()).CallbackQuery!;
        Assert.Equal("recheck:github", query.Data);
        Assert.Equal(Alice, query.From.Id);
        Assert.Equal("fr", query.From.LanguageCode);
        Assert.Equal(sent.MessageId, query.Message!.MessageId);
        Assert.Equal(Alice, query.Message.Chat.Id);

        await _client.AnswerCallbackQuery(query.Id, "Checking…");
        var edited = await _client.EditMessageText(Alice, sent.MessageId, "github is up");
        Assert.Equal("github is up", edited.Text);
        Assert.NotNull(edited.EditDate);

        var notModified = await Assert.ThrowsAsync<ApiRequestException>(() => _client.EditMessageText(Alice, sent.MessageId, "github is up"));
        Assert.StartsWith("Bad Request: message is not modified", notModified.Message, StringComparison.Ordinal);
        Assert.Equal(query.Id, _fake.Calls.Single(c => c.Is("answerCallbackQuery")).Body["callback_query_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task EnqueueRaw_EditedMessagesAndUnknownUpdateTypesDeserialize()
    {
        var edited = new JsonObject
        {
            ["edited_message"] = new JsonObject
            {
                ["message_id"] = 5,
                ["date"] = 1_700_000_000,
                ["edit_date"] = 1_700_000_100,
                ["chat"] = new JsonObject { ["id"] = Alice, ["type"] = "private", ["first_name"] = "Alice" },
                ["text"] = "is discord down?",
            },
        };
        _fake.EnqueueRaw(edited.ToJsonString());
        _fake.EnqueueRaw("""{"update_id":1,"some_future_update":{"x":1}}""");

        var updates = await _client.GetUpdates();

        Assert.Equal(UpdateType.EditedMessage, updates[0].Type);
        Assert.Equal("is discord down?", updates[0].EditedMessage!.Text);
        Assert.Equal(UpdateType.Unknown, updates[1].Type);
        Assert.Equal(updates[0].Id + 1, updates[1].Id);
    }

    [Fact]
    public async Task WaitForCallAsync_TimesOutListingTheCallsSeen()
    {
        await _client.GetMe();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => _fake.WaitForCallAsync(c => c.Is("sendMessage"), TimeSpan.FromMilliseconds(50)));

        Assert.Contains("getMe", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongToken_Is401()
    {
        var stranger = new TelegramBotClient(new TelegramBotClientOptions("999:OTHER", baseUrl: _fake.BaseUrl) { RetryThreshold = 0 });

        var error = await Assert.ThrowsAsync<ApiRequestException>(() => stranger.GetMe());

        Assert.Equal(401, error.ErrorCode);
    }
}
