using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Testing;

/// <summary>
/// The Telegram Bot API on loopback (plain HTTP) for the real Telegram.Bot client:
/// <c>new TelegramBotClient(new TelegramBotClientOptions(fake.Token, baseUrl: fake.BaseUrl) { RetryThreshold = 0 })</c>.
/// It serves queued updates to getUpdates (long polling and offsets as Telegram does), answers the
/// methods the bot uses with realistic objects, records every call, and can be told to fail the way
/// Telegram fails: blocked chats, migrated groups, 429 with retry_after, 5xx and non-JSON answers.
/// </summary>
/// <remarks>Answers getMe, getUpdates, sendMessage, sendChatAction, setMyCommands, deleteMyCommands,
/// deleteWebhook, getChatMember, answerCallbackQuery and editMessageText; any other method gets
/// Telegram's 404 "Not Found". Text sent with parse_mode HTML must be valid Telegram HTML (see
/// FakeTelegramHtml) or is refused with 400 "can't parse entities". Times (message dates, rate windows, long-poll timeouts) follow the
/// given <see cref="TimeProvider"/>.</remarks>
public sealed class FakeTelegramBotApi : IAsyncDisposable
{
    private const int DefaultLimit = 100;

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private readonly JsonObject _botUser;

    // Everything below is guarded by _gate.
    private readonly List<(long Id, JsonObject Update)> _pending = [];
    private TaskCompletionSource _updatesArrived = NewSignal();
    private long _nextUpdateId = 100_000;
    private long _nextMessageId = 1;
    private long _nextCallbackId = 1;
    private readonly RecordedCalls<FakeTelegramCall> _calls = new("call");
    private readonly RecordedCalls<FakeTelegramCall> _sent = new("accepted sendMessage");
    private readonly Dictionary<long, JsonObject> _chats = [];
    private readonly Dictionary<long, JsonObject> _users = [];
    private readonly Dictionary<(long Chat, long MessageId), JsonObject> _messages = [];
    private readonly Dictionary<(long Chat, long User), string> _memberStatuses = [];
    private readonly Dictionary<long, (int Code, string Description)> _blocked = [];
    private readonly Dictionary<long, long> _migrated = [];
    private readonly Queue<DateTimeOffset> _recentSends = new();
    private (int Allowed, TimeSpan Per, int RetryAfterSeconds)? _rateLimit;
    private int _tooManyRequests;
    private long _pollGeneration;
    private int _conflicts;
    private int _failNext;
    private DateTimeOffset _failUntil = DateTimeOffset.MinValue;
    private (int Status, string? RawBody) _failure;

    private LoopbackHttpsServer? _server;

    private FakeTelegramBotApi(string token, string botUsername, TimeProvider time)
    {
        var colon = token.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !long.TryParse(token.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var botId))
            throw new ArgumentException("A bot token looks like digits:rest, e.g. 123456:TEST.", nameof(token));

        Token = token;
        BotId = botId;
        BotUsername = botUsername;
        _time = time;
        _botUser = FakeTelegramJson.User(botId, botUsername, botUsername, languageCode: null, isBot: true);
    }

    public string Token { get; }

    /// <summary>The digits before the colon of <see cref="Token"/>, as Telegram does.</summary>
    public long BotId { get; }

    public string BotUsername { get; }

    /// <summary>http://127.0.0.1:port, to pass as TelegramBotClientOptions' baseUrl.</summary>
    public string BaseUrl => _server is { } server ? $"http://127.0.0.1:{server.Port}" : throw new InvalidOperationException("Not started.");

    public IReadOnlyList<FakeTelegramCall> Calls
    {
        get => _calls.All;
    }

    /// <summary>sendMessage calls Telegram accepted (not those answered with an error), optionally for one chat.</summary>
    public IReadOnlyList<FakeTelegramCall> Sent(long? chatId = null)
    {
        lock (_gate)
            return [.. _sent.All.Where(call => chatId is null || call.ChatId == chatId)];
    }

    /// <summary>sendMessage calls answered 429.</summary>
    public int TooManyRequests => Volatile.Read(ref _tooManyRequests);

    /// <summary>getUpdates calls cut off by a later one (409 Conflict), as Telegram does when two processes poll one token.</summary>
    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>Updates enqueued and not yet confirmed by a getUpdates offset.</summary>
    public int PendingUpdates
    {
        get { lock (_gate) return _pending.Count; }
    }

    public static async Task<FakeTelegramBotApi> StartAsync(
        string token = "123456:TEST", string botUsername = "IsItDownTestBot", TimeProvider? timeProvider = null)
    {
        var fake = new FakeTelegramBotApi(token, botUsername, timeProvider ?? TimeProvider.System);
        fake._server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    // ---- Updates --------------------------------------------------------------------------------------

    /// <summary>Queues a text message from a user, with bot_command and mention entities as Telegram
    /// would add them. Returns its update_id.</summary>
    public long EnqueueMessage(
        long chatId, string text, string chatType = "private", long fromUserId = 1001,
        string? languageCode = "en", string? fromUsername = "alice")
    {
        ArgumentNullException.ThrowIfNull(text);
        lock (_gate)
        {
            var from = RememberUser(fromUserId, fromUsername, languageCode);
            var chat = RememberChat(chatId, chatType, from);
            var message = new JsonObject
            {
                ["message_id"] = _nextMessageId++,
                ["from"] = from.DeepClone(),
                ["chat"] = chat.DeepClone(),
                ["date"] = UnixNow(),
                ["text"] = text,
            };
            var entities = FakeTelegramJson.Entities(text);
            if (entities.Count > 0)
                message["entities"] = entities;
            return EnqueueLocked(new JsonObject { ["message"] = message });
        }
    }

    /// <summary>Queues a press on an inline button of message <paramref name="messageId"/> (a message the
    /// bot sent through this fake, or a stand-in from the bot). Returns its update_id; the query id is
    /// "cq{n}".</summary>
    public long EnqueueCallbackQuery(long chatId, long fromUserId, string data, int messageId, string? languageCode = "en")
    {
        ArgumentNullException.ThrowIfNull(data);
        lock (_gate)
        {
            var from = RememberUser(fromUserId, username: null, languageCode);
            var message = _messages.TryGetValue((chatId, messageId), out var sent)
                ? sent.DeepClone()
                : new JsonObject
                {
                    ["message_id"] = messageId,
                    ["from"] = _botUser.DeepClone(),
                    ["chat"] = ChatLocked(chatId).DeepClone(),
                    ["date"] = UnixNow(),
                    ["text"] = "…",
                };
            var query = new JsonObject
            {
                ["id"] = $"cq{_nextCallbackId++}",
                ["from"] = from.DeepClone(),
                ["message"] = message,
                ["chat_instance"] = chatId.ToString(CultureInfo.InvariantCulture),
                ["data"] = data,
            };
            return EnqueueLocked(new JsonObject { ["callback_query"] = query });
        }
    }

    /// <summary>Queues any update (edited_message, channel_post, a sticker, a type the client does not
    /// know). Its update_id is replaced by the fake's next one, which is returned.</summary>
    public long EnqueueRaw(string updateJson)
    {
        var update = JsonNode.Parse(updateJson) as JsonObject
            ?? throw new ArgumentException("An update is a JSON object.", nameof(updateJson));
        lock (_gate)
            return EnqueueLocked(update);
    }

    // ---- Behaviour ------------------------------------------------------------------------------------

    /// <param name="status">creator, administrator, member, restricted, left or kicked.</param>
    public void SetChatMemberStatus(long chatId, long userId, string status)
    {
        if (!FakeTelegramJson.MemberStatuses.Contains(status))
            throw new ArgumentException($"Unknown status; use one of {string.Join(", ", FakeTelegramJson.MemberStatuses)}.", nameof(status));
        lock (_gate)
            _memberStatuses[(chatId, userId)] = status;
    }

    /// <summary>sendMessage, sendChatAction and editMessageText to the chat fail with this error from now on.</summary>
    public void BlockChat(long chatId, int errorCode = 403, string description = "Forbidden: bot was blocked by the user")
    {
        lock (_gate)
            _blocked[chatId] = (errorCode, description);
    }

    public void UnblockChat(long chatId)
    {
        lock (_gate)
            _blocked.Remove(chatId);
    }

    /// <summary>The group became a supergroup: every method naming the old chat_id answers 400 with
    /// parameters.migrate_to_chat_id, as Telegram does.</summary>
    public void MigrateChat(long chatId, long newChatId)
    {
        lock (_gate)
        {
            _migrated[chatId] = newChatId;
            _chats[newChatId] = FakeTelegramJson.Chat(newChatId, "supergroup");
        }
    }

    /// <summary>At most <paramref name="messagesAllowed"/> accepted sendMessage calls (all chats together)
    /// in any window of <paramref name="per"/>; beyond that 429 with retry_after, counted in <see cref="TooManyRequests"/>.</summary>
    public void RateLimit(int messagesAllowed, TimeSpan per, int retryAfterSeconds)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(messagesAllowed);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(per, TimeSpan.Zero);
        lock (_gate)
        {
            _rateLimit = (messagesAllowed, per, retryAfterSeconds);
            _recentSends.Clear();
        }
    }

    public void ClearRateLimit()
    {
        lock (_gate)
            _rateLimit = null;
    }

    /// <summary>The next <paramref name="count"/> requests, of any method, fail with <paramref name="statusCode"/>:
    /// with Telegram's error JSON, or with <paramref name="rawBody"/> as text/html when given. 0 cancels.</summary>
    public void FailNext(int count, int statusCode = 500, string? rawBody = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _failNext = count;
            _failure = (statusCode, rawBody);
        }
    }

    /// <summary>Every request fails as in <see cref="FailNext"/> until <paramref name="duration"/> has passed
    /// on the fake's clock.</summary>
    public void FailFor(TimeSpan duration, int statusCode = 502, string? rawBody = null)
    {
        lock (_gate)
        {
            _failUntil = _time.GetUtcNow() + duration;
            _failure = (statusCode, rawBody);
        }
    }

    // ---- Waiting --------------------------------------------------------------------------------------

    /// <summary>The first call, past or future, that matches; throws <see cref="TimeoutException"/> listing
    /// the calls seen when none does within <paramref name="timeout"/> (30 s by default).</summary>
    public Task<FakeTelegramCall> WaitForCallAsync(Func<FakeTelegramCall, bool> match, TimeSpan? timeout = null) =>
        _calls.WaitAsync(match, timeout);

    /// <summary>As <see cref="WaitForCallAsync"/>, over accepted sendMessage calls only.</summary>
    public Task<FakeTelegramCall> WaitForSentAsync(Func<FakeTelegramCall, bool> match, TimeSpan? timeout = null) =>
        _sent.WaitAsync(match, timeout);

    public async ValueTask DisposeAsync()
    {
        // Pending long polls see this first and answer at once, so Kestrel stops without waiting on them.
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _calls.Close(nameof(FakeTelegramBotApi));
        _sent.Close(nameof(FakeTelegramBotApi));
    }

    // ---- Serving --------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var prefix = $"/bot{Token}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Telegram answers a wrong token 401 and a path that names no bot 404.
            var wrongToken = path.StartsWith("/bot", StringComparison.Ordinal);
            await WriteAsync(context, wrongToken ? 401 : 404, FakeTelegramJson.Error(wrongToken ? 401 : 404, wrongToken ? "Unauthorized" : "Not Found")).ConfigureAwait(false);
            return;
        }

        var method = path[prefix.Length..];
        JsonObject body;
        try
        {
            body = await ReadParametersAsync(context.Request).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            await WriteAsync(context, 400, FakeTelegramJson.Error(400, "Bad Request: can't parse JSON")).ConfigureAwait(false);
            return;
        }

        var call = new FakeTelegramCall(method, body, _time.GetUtcNow());
        (int Status, string? RawBody)? failure;
        lock (_gate)
        {
            _calls.Add(call);
            failure = TakeFailureLocked();
        }

        if (failure is { } fail)
        {
            if (fail.RawBody is not null)
            {
                context.Response.StatusCode = fail.Status;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync(fail.RawBody).ConfigureAwait(false);
            }
            else
            {
                var parameters = fail.Status == 429 ? new JsonObject { ["retry_after"] = 1 } : null;
                await WriteAsync(context, fail.Status, FakeTelegramJson.Error(fail.Status, StatusDescription(fail.Status), parameters)).ConfigureAwait(false);
            }
            return;
        }

        var (status, response) = method.ToUpperInvariant() switch
        {
            "GETUPDATES" => await GetUpdatesAsync(body, context.RequestAborted).ConfigureAwait(false),
            "GETME" => Ok(_botUser.DeepClone()),
            "SENDMESSAGE" => SendMessage(call),
            "EDITMESSAGETEXT" => EditMessageText(body),
            "GETCHATMEMBER" => GetChatMember(body),
            "SENDCHATACTION" => ChatAction(body),
            "SETMYCOMMANDS" or "DELETEMYCOMMANDS" or "DELETEWEBHOOK" or "ANSWERCALLBACKQUERY" => Ok(true),
            _ => (404, FakeTelegramJson.Error(404, "Not Found")),
        };
        await WriteAsync(context, status, response).ConfigureAwait(false);
    }

    private async Task<(int, JsonObject)> GetUpdatesAsync(JsonObject body, CancellationToken requestAborted)
    {
        var offset = FakeTelegramJson.ReadLong(body["offset"]) ?? 0;
        var limit = (int)Math.Clamp(FakeTelegramJson.ReadLong(body["limit"]) ?? DefaultLimit, 1, DefaultLimit);
        var timeout = TimeSpan.FromSeconds(Math.Max(0, FakeTelegramJson.ReadLong(body["timeout"]) ?? 0));

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, _stopping.Token);
        var deadline = Task.Delay(timeout, _time, cancel.Token);
        long generation;
        lock (_gate)
        {
            // Telegram serves one getUpdates per token: a new one ends the one still waiting, which gets 409.
            generation = ++_pollGeneration;
            SignalUpdatesLocked();
        }

        while (true)
        {
            Task arrived;
            lock (_gate)
            {
                if (generation != _pollGeneration && !requestAborted.IsCancellationRequested)
                {
                    _conflicts++;
                    return (409, FakeTelegramJson.Error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"));
                }

                ConfirmLocked(offset);
                if (_pending.Count > 0 || deadline.IsCompleted)
                    return Ok(new JsonArray([.. _pending.Take(limit).Select(p => p.Update.DeepClone())]));
                arrived = _updatesArrived.Task;
            }

            // The deadline ends early, cancelled, when the client leaves or the fake stops: answer what there is.
            await Task.WhenAny(arrived, deadline).ConfigureAwait(false);
            // After a negative offset only the first pass forgets; later passes keep what arrived meanwhile.
            offset = Math.Max(offset, 0);
        }
    }

    private (int, JsonObject) SendMessage(FakeTelegramCall call)
    {
        var body = call.Body;
        if (FakeTelegramJson.ReadLong(body["chat_id"]) is not { } chatId)
            return BadRequest("Bad Request: chat not found");
        if (FakeTelegramJson.ReadString(body["text"]) is not { Length: > 0 } text)
            return BadRequest("Bad Request: message text is empty");
        if (HtmlProblem(body, text) is { } unparsable)
            return unparsable;
        text = Displayed(body, text);

        lock (_gate)
        {
            if (RateLimitedLocked() is { } tooMany)
                return tooMany;
            if (ChatErrorLocked(chatId, sending: true) is { } error)
                return error;

            var message = new JsonObject
            {
                ["message_id"] = _nextMessageId++,
                ["from"] = _botUser.DeepClone(),
                ["chat"] = ChatLocked(chatId).DeepClone(),
                ["date"] = UnixNow(),
                ["text"] = text,
            };
            if (body["reply_markup"] is JsonObject markup && markup.ContainsKey("inline_keyboard"))
                message["reply_markup"] = markup.DeepClone();
            _messages[(chatId, message["message_id"]!.GetValue<long>())] = message;
            _sent.Add(call);
            return Ok(message.DeepClone());
        }
    }

    private (int, JsonObject) EditMessageText(JsonObject body)
    {
        if (FakeTelegramJson.ReadLong(body["chat_id"]) is not { } chatId || FakeTelegramJson.ReadLong(body["message_id"]) is not { } messageId)
            return BadRequest("Bad Request: message identifier is not specified");
        if (FakeTelegramJson.ReadString(body["text"]) is not { Length: > 0 } text)
            return BadRequest("Bad Request: message text is empty");
        if (HtmlProblem(body, text) is { } unparsable)
            return unparsable;
        text = Displayed(body, text);

        lock (_gate)
        {
            if (ChatErrorLocked(chatId, sending: true) is { } error)
                return error;
            if (!_messages.TryGetValue((chatId, messageId), out var message))
                return BadRequest("Bad Request: message to edit not found");

            var markup = body["reply_markup"] as JsonObject;
            if (FakeTelegramJson.ReadString(message["text"]) == text && JsonNode.DeepEquals(message["reply_markup"], markup))
            {
                return BadRequest("Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
            }

            message["text"] = text;
            message["edit_date"] = UnixNow();
            if (markup is not null)
                message["reply_markup"] = markup.DeepClone();
            else
                message.Remove("reply_markup");
            return Ok(message.DeepClone());
        }
    }

    private (int, JsonObject) GetChatMember(JsonObject body)
    {
        if (FakeTelegramJson.ReadLong(body["chat_id"]) is not { } chatId)
            return BadRequest("Bad Request: chat not found");
        if (FakeTelegramJson.ReadLong(body["user_id"]) is not { } userId)
            return BadRequest("Bad Request: invalid user_id specified");

        lock (_gate)
        {
            if (ChatErrorLocked(chatId, sending: false) is { } error)
                return error;
            var status = _memberStatuses.GetValueOrDefault((chatId, userId), "member");
            var user = userId == BotId ? _botUser : UserLocked(userId);
            return Ok(FakeTelegramJson.ChatMember(status, user.DeepClone().AsObject()));
        }
    }

    private (int, JsonObject) ChatAction(JsonObject body)
    {
        if (FakeTelegramJson.ReadLong(body["chat_id"]) is not { } chatId)
            return BadRequest("Bad Request: chat not found");
        lock (_gate)
            return ChatErrorLocked(chatId, sending: true) ?? Ok(true);
    }

    // ---- Helpers (call with _gate held where named …Locked) ---------------------------------------------

    private long EnqueueLocked(JsonObject update)
    {
        var id = _nextUpdateId++;
        // update_id first, as Telegram sends it.
        var ordered = new JsonObject { ["update_id"] = id };
        foreach (var (key, value) in update.ToList())
        {
            if (key == "update_id")
                continue;
            update.Remove(key);
            ordered[key] = value;
        }
        _pending.Add((id, ordered));
        SignalUpdatesLocked();
        return id;
    }

    /// <summary>Wakes every waiting getUpdates to look again: news arrived, or a newer call ends theirs.</summary>
    private void SignalUpdatesLocked()
    {
        _updatesArrived.TrySetResult();
        _updatesArrived = NewSignal();
    }

    // Telegram: updates below a positive offset are confirmed; a negative offset keeps only the last -offset.
    private void ConfirmLocked(long offset)
    {
        if (offset > 0)
            _pending.RemoveAll(p => p.Id < offset);
        else if (offset < 0 && _pending.Count > -offset)
            _pending.RemoveRange(0, _pending.Count - (int)Math.Min(-offset, int.MaxValue));
    }

    private (int Status, string? RawBody)? TakeFailureLocked()
    {
        if (_failNext > 0)
        {
            _failNext--;
            return _failure;
        }
        return _time.GetUtcNow() < _failUntil ? _failure : null;
    }

    private (int, JsonObject)? RateLimitedLocked()
    {
        if (_rateLimit is not { } limit)
            return null;
        var now = _time.GetUtcNow();
        while (_recentSends.Count > 0 && now - _recentSends.Peek() >= limit.Per)
            _recentSends.Dequeue();
        if (_recentSends.Count < limit.Allowed)
        {
            _recentSends.Enqueue(now);
            return null;
        }
        Interlocked.Increment(ref _tooManyRequests);
        return (429, FakeTelegramJson.Error(
            429,
            $"Too Many Requests: retry after {limit.RetryAfterSeconds}",
            new JsonObject { ["retry_after"] = limit.RetryAfterSeconds }));
    }

    private (int, JsonObject)? ChatErrorLocked(long chatId, bool sending)
    {
        if (_migrated.TryGetValue(chatId, out var newChatId))
        {
            return (400, FakeTelegramJson.Error(
                400,
                "Bad Request: group chat was upgraded to a supergroup chat",
                new JsonObject { ["migrate_to_chat_id"] = newChatId }));
        }
        if (sending && _blocked.TryGetValue(chatId, out var blocked))
            return (blocked.Code, FakeTelegramJson.Error(blocked.Code, blocked.Description));
        return null;
    }

    private JsonObject RememberUser(long id, string? username, string? languageCode)
    {
        var firstName = username is { Length: > 0 } ? char.ToUpperInvariant(username[0]) + username[1..] : $"User {id}";
        var user = FakeTelegramJson.User(id, firstName, username, languageCode);
        _users[id] = user;
        return user;
    }

    private JsonObject RememberChat(long id, string type, JsonObject from)
    {
        var chat = FakeTelegramJson.Chat(id, type, from);
        _chats[id] = chat;
        return chat;
    }

    private JsonObject ChatLocked(long chatId) =>
        _chats.TryGetValue(chatId, out var chat)
            ? chat
            : FakeTelegramJson.Chat(chatId, FakeTelegramJson.GuessChatType(chatId), _users.GetValueOrDefault(chatId));

    private JsonObject UserLocked(long userId) =>
        _users.TryGetValue(userId, out var user) ? user : FakeTelegramJson.User(userId, $"User {userId}", username: null, languageCode: null);

    private long UnixNow() => _time.GetUtcNow().ToUnixTimeSeconds();

    private static async Task<JsonObject> ReadParametersAsync(HttpRequest request)
    {
        var parameters = new JsonObject();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            foreach (var (key, value) in form)
                parameters[key] = value.ToString();
        }
        else if (request.ContentLength is not 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
                parameters = JsonNode.Parse(text) as JsonObject ?? throw new JsonException("The body is not a JSON object.");
        }

        foreach (var (key, value) in request.Query)
            parameters.TryAdd(key, value.ToString());

        FakeTelegramJson.Materialize(parameters);
        return parameters;
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonObject response)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString()).ConfigureAwait(false);
    }

    private static (int, JsonObject)? HtmlProblem(JsonObject body, string text) =>
        string.Equals(FakeTelegramJson.ReadString(body["parse_mode"]), "html", StringComparison.OrdinalIgnoreCase)
        && FakeTelegramHtml.Problem(text) is { } problem
            ? BadRequest($"Bad Request: can't parse entities: {problem}")
            : null;

    // Telegram returns the text as shown, with the markup turned into entities (which the fake leaves out).
    private static string Displayed(JsonObject body, string text) =>
        string.Equals(FakeTelegramJson.ReadString(body["parse_mode"]), "html", StringComparison.OrdinalIgnoreCase)
            ? FakeTelegramHtml.ToPlainText(text)
            : text;

    private static (int, JsonObject) Ok(JsonNode? result) => (200, FakeTelegramJson.Ok(result));

    private static (int, JsonObject) BadRequest(string description) => (400, FakeTelegramJson.Error(400, description));

    private static string StatusDescription(int status) => status switch
    {
        429 => "Too Many Requests: retry after 1",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        _ => ((HttpStatusCode)status).ToString(),
    };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
