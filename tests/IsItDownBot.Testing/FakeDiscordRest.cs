using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Testing;

/// <summary>
/// Discord's HTTP API v10 on loopback (plain HTTP) for the bot's own client: the routes the bot uses,
/// Discord's error bodies, and rate limiting as Discord describes it (X-RateLimit-* headers on every
/// answer, 429 with retry_after, global or per bucket). Every call is recorded.
/// </summary>
/// <remarks>Routes: GET /gateway/bot; PUT /applications/{app}/commands and
/// /applications/{app}/guilds/{guild}/commands; POST /interactions/{id}/{token}/callback;
/// PATCH /webhooks/{app}/{token}/messages/@original; POST /channels/{id}/messages (with enforce_nonce, a
/// repeated nonce in a channel returns the message already created and creates none, as Discord does). Anything else gets
/// Discord's 404. Bot routes need "Authorization: Bot {token}" (401 otherwise); the interaction routes
/// are authorised by their token, as on Discord. Times follow the given <see cref="TimeProvider"/>.</remarks>
public sealed partial class FakeDiscordRest : IAsyncDisposable
{
    private const string ApiPrefix = "/api/v10";

    // Without BucketLimit, every route advertises a roomy bucket: the client learns buckets but never waits.
    private const int DefaultLimit = 50;
    private static readonly TimeSpan DefaultResetAfter = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    // Everything below is guarded by _gate.
    private readonly RecordedCalls<FakeDiscordCall> _calls = new("Discord call");
    private readonly Dictionary<string, (int Status, int Code, string Message)> _failingChannels = new(StringComparer.Ordinal);
    private readonly List<(string PathContains, double RetryAfter, bool Global)> _rateLimitNext = [];
    private readonly List<Bucket> _buckets = [];
    private readonly Dictionary<(string Channel, string Nonce), JsonObject> _byNonce = [];
    private bool _deduplicated;
    private int _failNext;
    private (int Status, string? RawBody) _failure;
    private int _tooManyRequests;
    private long _nextId = 1_100_000_000_000_000_000;

    private LoopbackHttpsServer? _server;

    private FakeDiscordRest(string token, string applicationId, TimeProvider time)
    {
        Token = token;
        ApplicationId = applicationId;
        _time = time;
    }

    /// <summary>http://127.0.0.1:port/api/v10, to use as DiscordOptions.ApiBaseUrl.</summary>
    public string BaseUrl => _server is { } server ? $"http://127.0.0.1:{server.Port}{ApiPrefix}" : throw new InvalidOperationException("Not started.");

    public string Token { get; }

    public string ApplicationId { get; }

    /// <summary>What GET /gateway/bot answers as url.</summary>
    public string GatewayUrl { get; set; } = "ws://127.0.0.1:1";

    public IReadOnlyList<FakeDiscordCall> Calls
    {
        get => _calls.All;
    }

    /// <summary>Requests answered 429, for any reason.</summary>
    public int TooManyRequests
    {
        get { lock (_gate) return _tooManyRequests; }
    }

    public static async Task<FakeDiscordRest> StartAsync(
        string token = "TEST.TOKEN.VALUE", string applicationId = "900000000000000001", TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        var fake = new FakeDiscordRest(token, applicationId, timeProvider ?? TimeProvider.System);
        fake._server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    /// <summary>POST /channels/{id}/messages that created a message, optionally for one channel (a repeat of a
    /// nonce with enforce_nonce is not counted: it created nothing).</summary>
    public IReadOnlyList<FakeDiscordCall> Messages(string? channelId = null)
    {
        lock (_gate)
            return [.. _calls.All.Where(call => IsAcceptedMessage(call, channelId))];
    }

    // ---- Behaviour ------------------------------------------------------------------------------------

    /// <summary>Messages to the channel fail from now on, e.g. 404 10003 "Unknown Channel",
    /// 403 50001 "Missing Access", 403 50013 "Missing Permissions".</summary>
    public void FailChannel(string channelId, int status, int code, string message)
    {
        lock (_gate)
            _failingChannels[channelId] = (status, code, message);
    }

    /// <summary>The next request whose path contains <paramref name="pathContains"/> answers 429 with
    /// retry_after (body, seconds) and the matching headers; <paramref name="global"/> marks it as the
    /// bot's global limit (X-RateLimit-Global: true, scope global).</summary>
    public void RateLimitNext(string pathContains, double retryAfterSeconds, bool global = false)
    {
        lock (_gate)
            _rateLimitNext.Add((pathContains, retryAfterSeconds, global));
    }

    /// <summary>Routes whose path contains <paramref name="pathContains"/> share one bucket of
    /// <paramref name="limit"/> requests per window of <paramref name="resetAfter"/>, starting at the
    /// first request; its headers say so, and requests beyond it answer 429 (counted).</summary>
    public void BucketLimit(string pathContains, int limit, TimeSpan resetAfter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(resetAfter, TimeSpan.Zero);
        lock (_gate)
            _buckets.Add(new Bucket(pathContains, limit, resetAfter));
    }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/>: with Discord's
    /// error JSON, or with <paramref name="rawBody"/> as text/html when given. 0 cancels.</summary>
    public void FailNext(int count, int status = 500, string? rawBody = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        lock (_gate)
        {
            _failNext = count;
            _failure = (status, rawBody);
        }
    }

    // ---- Waiting --------------------------------------------------------------------------------------

    /// <summary>The first call, past or future, that matches; throws <see cref="TimeoutException"/> listing
    /// the calls seen when none does within <paramref name="timeout"/> (30 s by default).</summary>
    public Task<FakeDiscordCall> WaitForCallAsync(Func<FakeDiscordCall, bool> match, TimeSpan? timeout = null) =>
        _calls.WaitAsync(match, timeout);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _calls.Close(nameof(FakeDiscordRest));
    }

    // ---- Serving --------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var fullPath = request.Path.Value ?? "";
        var path = fullPath.StartsWith(ApiPrefix + "/", StringComparison.Ordinal) ? fullPath[ApiPrefix.Length..] : fullPath;
        JsonNode? body = null;
        var bodyIsJson = true;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            var text = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
            if (!string.IsNullOrWhiteSpace(text))
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (JsonException)
                {
                    bodyIsJson = false;
                }
            }
        }

        Answer answer;
        FakeDiscordCall call;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            answer = path == fullPath
                ? Error(404, 0, "404: Not Found")
                : !bodyIsJson
                    ? Error(400, 50109, "The request body contains invalid JSON.")
                    : DecideLocked(request.Method, path, body, request.Headers.Authorization.ToString(), now);
            if (answer.Status == 429)
                _tooManyRequests++;
            call = new FakeDiscordCall(request.Method, path, body, NullIfEmpty(request.Headers.Authorization.ToString()), now)
            {
                UserAgent = NullIfEmpty(request.Headers.UserAgent.ToString()),
                Status = answer.Status,
                Deduplicated = _deduplicated,
            };
            _deduplicated = false;
            _calls.Add(call);
        }

        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers)
            context.Response.Headers[name] = value;
        if (answer.RawBody is not null)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(answer.RawBody).ConfigureAwait(false);
        }
        else if (answer.Json is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer.Json.ToJsonString()).ConfigureAwait(false);
        }
    }

    private Answer DecideLocked(string method, string path, JsonNode? body, string authorization, DateTimeOffset now)
    {
        if (_failNext > 0)
        {
            _failNext--;
            return _failure.RawBody is { } raw
                ? new Answer(_failure.Status, null, raw, [])
                : Error(_failure.Status, 0, $"{_failure.Status}: {(HttpStatusCode)_failure.Status}");
        }

        var routeKey = RouteKey(method, path);
        var limited = _rateLimitNext.FindIndex(next => path.Contains(next.PathContains, StringComparison.Ordinal));
        if (limited >= 0)
        {
            var (_, retryAfter, global) = _rateLimitNext[limited];
            _rateLimitNext.RemoveAt(limited);
            return TooMany(retryAfter, global, global ? [] : BucketHeaders(routeKey, DefaultLimit, 0, now + TimeSpan.FromSeconds(retryAfter), now));
        }

        (string Name, string Value)[] headers;
        if (_buckets.FirstOrDefault(b => path.Contains(b.PathContains, StringComparison.Ordinal)) is { } bucket)
        {
            if (now >= bucket.WindowStart + bucket.ResetAfter)
            {
                bucket.WindowStart = now;
                bucket.Used = 0;
            }
            var resetAt = bucket.WindowStart + bucket.ResetAfter;
            if (bucket.Used >= bucket.Limit)
                return TooMany((resetAt - now).TotalSeconds, global: false, BucketHeaders(routeKey, bucket.Limit, 0, resetAt, now));
            bucket.Used++;
            headers = BucketHeaders(routeKey, bucket.Limit, bucket.Limit - bucket.Used, resetAt, now);
        }
        else
        {
            headers = BucketHeaders(routeKey, DefaultLimit, DefaultLimit - 1, now + DefaultResetAfter, now);
        }

        var answer = Route(method, path, body, authorization, now);
        return answer with { Headers = headers };
    }

    private Answer Route(string method, string path, JsonNode? body, string authorization, DateTimeOffset now)
    {
        var botAuthorized = authorization == "Bot " + Token;
        var unauthorized = Error(401, 0, "401: Unauthorized");

        if (method == "GET" && path == "/gateway/bot")
            return botAuthorized ? new Answer(200, GatewayBot(), null, []) : unauthorized;

        if (method == "PUT" && CommandsRoute().Match(path) is { Success: true } commands)
        {
            if (!botAuthorized)
                return unauthorized;
            if (commands.Groups["app"].Value != ApplicationId)
                return Error(403, 50001, "Missing Access");
            if (body is not JsonArray list)
                return Error(400, 50035, "Invalid Form Body");
            var guildId = commands.Groups["guild"].Success ? commands.Groups["guild"].Value : null;
            var registered = new JsonArray();
            foreach (var command in list)
            {
                if (command?.DeepClone() is not JsonObject copy)
                    return Error(400, 50035, "Invalid Form Body");
                copy["id"] = NextId();
                copy["application_id"] = ApplicationId;
                copy["version"] = NextId();
                if (guildId is not null)
                    copy["guild_id"] = guildId;
                registered.Add(copy);
            }
            return new Answer(200, registered, null, []);
        }

        if (method == "POST" && InteractionCallbackRoute().IsMatch(path))
            return body is JsonObject response && response["type"] is not null
                ? new Answer(204, null, null, [])
                : Error(400, 50035, "Invalid Form Body");

        if (method == "PATCH" && OriginalResponseRoute().Match(path) is { Success: true } original)
        {
            if (original.Groups["app"].Value != ApplicationId)
                return Error(404, 10015, "Unknown Webhook");
            return body is JsonObject edit ? new Answer(200, Message(edit, channelId: null, now), null, []) : Error(400, 50035, "Invalid Form Body");
        }

        if (method == "POST" && ChannelMessagesRoute().Match(path) is { Success: true } channel)
        {
            if (!botAuthorized)
                return unauthorized;
            var channelId = channel.Groups["channel"].Value;
            if (_failingChannels.TryGetValue(channelId, out var failure))
                return Error(failure.Status, failure.Code, failure.Message);
            if (body is not JsonObject message)
                return Error(400, 50035, "Invalid Form Body");
            if (message["enforce_nonce"]?.GetValueKind() == JsonValueKind.True && message["nonce"] is JsonValue nonce
                && nonce.ToString() is { Length: > 0 } key)
            {
                if (_byNonce.TryGetValue((channelId, key), out var existing))
                {
                    _deduplicated = true;
                    return new Answer(200, (JsonObject)existing.DeepClone(), null, []);
                }

                var created = Message(message, channelId, now);
                _byNonce[(channelId, key)] = created;
                return new Answer(200, (JsonObject)created.DeepClone(), null, []);
            }

            return new Answer(200, Message(message, channelId, now), null, []);
        }

        return Error(404, 0, "404: Not Found");
    }

    private JsonObject GatewayBot() => new()
    {
        ["url"] = GatewayUrl,
        ["shards"] = 1,
        ["session_start_limit"] = new JsonObject
        {
            ["total"] = 1000,
            ["remaining"] = 999,
            ["reset_after"] = 86_400_000,
            ["max_concurrency"] = 1,
        },
    };

    private JsonObject Message(JsonObject sent, string? channelId, DateTimeOffset now)
    {
        var message = (JsonObject)sent.DeepClone();
        message["id"] = NextId();
        if (channelId is not null)
            message["channel_id"] = channelId;
        message["author"] = new JsonObject { ["id"] = ApplicationId, ["username"] = "IsItDown", ["bot"] = true };
        message["timestamp"] = now.ToString("O", CultureInfo.InvariantCulture);
        message.TryAdd("content", "");
        return message;
    }

    private string NextId() => (_nextId++).ToString(CultureInfo.InvariantCulture);

    private static Answer TooMany(double retryAfterSeconds, bool global, (string Name, string Value)[] bucketHeaders)
    {
        var json = new JsonObject
        {
            ["message"] = "You are being rate limited.",
            ["retry_after"] = Math.Round(retryAfterSeconds, 3),
            ["global"] = global,
        };
        (string Name, string Value)[] headers =
        [
            .. bucketHeaders,
            ("Retry-After", Math.Ceiling(retryAfterSeconds).ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Scope", global ? "global" : "user"),
            .. global ? [("X-RateLimit-Global", "true")] : Array.Empty<(string, string)>(),
        ];
        return new Answer(429, json, null, headers);
    }

    private static (string Name, string Value)[] BucketHeaders(string routeKey, int limit, int remaining, DateTimeOffset resetAt, DateTimeOffset now) =>
    [
        ("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)),
        ("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset", (resetAt.ToUnixTimeMilliseconds() / 1000.0).ToString("0.000", CultureInfo.InvariantCulture)),
        ("X-RateLimit-Reset-After", Math.Max(0, (resetAt - now).TotalSeconds).ToString("0.000", CultureInfo.InvariantCulture)),
        ("X-RateLimit-Bucket", BucketId(routeKey)),
    ];

    // Discord's bucket ids are opaque hashes, the same for every channel on a route: so here.
    private static string BucketId(string routeKey) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(routeKey)))[..16];

    private static string RouteKey(string method, string path) => method + " " + Snowflake().Replace(path, "{id}");

    private static Answer Error(int status, int code, string message) =>
        new(status, new JsonObject { ["message"] = message, ["code"] = code }, null, []);

    private static bool IsAcceptedMessage(FakeDiscordCall call, string? channelId) =>
        call.Method == "POST" && call.Status == 200 && !call.Deduplicated
        && ChannelMessagesRoute().Match(call.Path) is { Success: true } match
        && (channelId is null || match.Groups["channel"].Value == channelId);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    [GeneratedRegex(@"^/applications/(?<app>[^/]+)(/guilds/(?<guild>[^/]+))?/commands$")]
    private static partial Regex CommandsRoute();

    [GeneratedRegex(@"^/interactions/[^/]+/[^/]+/callback$")]
    private static partial Regex InteractionCallbackRoute();

    [GeneratedRegex(@"^/webhooks/(?<app>[^/]+)/[^/]+/messages/@original$")]
    private static partial Regex OriginalResponseRoute();

    [GeneratedRegex(@"^/channels/(?<channel>[^/]+)/messages$")]
    private static partial Regex ChannelMessagesRoute();

    // Ids and tokens become placeholders, so one route has one bucket id whichever channel it names.
    [GeneratedRegex(@"(?<=/(channels|guilds|applications|interactions|webhooks)/)[^/]+|(?<=/(interactions|webhooks)/[^/]+/)[^/]+")]
    private static partial Regex Snowflake();

    private sealed record Answer(int Status, JsonNode? Json, string? RawBody, (string Name, string Value)[] Headers);

    private sealed class Bucket(string pathContains, int limit, TimeSpan resetAfter)
    {
        public string PathContains { get; } = pathContains;

        public int Limit { get; } = limit;

        public TimeSpan ResetAfter { get; } = resetAfter;

        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public int Used { get; set; }
    }

}
