using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Discord.Rest;

/// <summary>
/// The few Discord HTTP API v10 calls the bot makes, with Discord's rate limits (see
/// <see cref="DiscordRateLimiter"/>) and retries that cannot post twice: a 429 is retried on every
/// method (Discord did not process the request), a 5xx or network failure only on idempotent ones.
/// </summary>
public sealed class DiscordRestClient
{
    private const string UserAgent = "DiscordBot (https://github.com/isitdownbot/isitdownbot, 1.0)";

    // A 429 means the request was not processed, so waiting and sending again is always safe; three
    // tries bound how long one caller can be held.
    private const int MaxRateLimitRetries = 3;

    // Longer waits (a Cloudflare ban, a large global window) go back to the caller with RetryAfter
    // rather than holding an interaction or the alert outbox.
    private static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);

    // Idempotent requests only: a short pause covers a restarting Discord edge, not an outage.
    private static readonly TimeSpan[] TransientBackoff = [TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1)];

    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordRestClient> _logger;
    private readonly DiscordRateLimiter _limiter;
    private readonly Uri _baseUri;
    private readonly string? _token;

    public DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordRestClient> logger)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _http = http;
        _time = time;
        _logger = logger;
        _limiter = new DiscordRateLimiter(time);
        _token = options.Value.BotToken;
        // A trailing slash makes relative paths append to /api/v10 instead of replacing its last segment.
        _baseUri = new Uri(options.Value.ApiBaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
    }

    /// <summary>GET /gateway/bot: the gateway URL, recommended shards and the identify budget.</summary>
    public async Task<JsonObject> GetGatewayBotAsync(CancellationToken cancellationToken = default) =>
        await SendForObjectAsync(DiscordRoute.GatewayBot(), body: null, cancellationToken).ConfigureAwait(false);

    /// <summary>Replaces the application's commands, globally or (with <paramref name="guildId"/>) in one guild.</summary>
    public async Task PutApplicationCommandsAsync(
        string applicationId, string? guildId, JsonArray commands, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commands);
        using var _ = await SendAsync(DiscordRoute.ApplicationCommands(applicationId, guildId), commands, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Answers an interaction (a message, a deferral, autocomplete choices).</summary>
    public async Task CreateInteractionResponseAsync(
        string interactionId, string interactionToken, JsonObject response, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var _ = await SendAsync(DiscordRoute.InteractionCallback(interactionId, interactionToken), response, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Edits the interaction's first answer, e.g. a deferral replaced by the report.</summary>
    public async Task EditOriginalResponseAsync(
        string applicationId, string interactionToken, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var _ = await SendAsync(DiscordRoute.OriginalResponse(applicationId, interactionToken), message, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Posts a message to a channel and returns it as Discord stored it (with its id).</summary>
    public async Task<JsonObject> CreateMessageAsync(string channelId, JsonObject message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await SendForObjectAsync(DiscordRoute.ChannelMessages(channelId), message, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject> SendForObjectAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(route, body, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (JsonNode.Parse(text) is JsonObject json)
                return json;
        }
        catch (JsonException)
        {
        }
        throw new DiscordApiException((int)response.StatusCode, null, "the answer was not a JSON object");
    }

    /// <summary>Sends until Discord accepts the request, the retries run out, or the error is final;
    /// returns the successful response (the caller disposes it).</summary>
    private async Task<HttpResponseMessage> SendAsync(DiscordRoute route, JsonNode? body, CancellationToken cancellationToken)
    {
        var rateLimited = 0;
        var failed = 0;
        while (true)
        {
            await _limiter.WaitAsync(route, cancellationToken).ConfigureAwait(false);

            HttpResponseMessage response;
            using (var request = BuildRequest(route, body))
            {
                try
                {
                    response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    // No answer: a POST may still have been applied, so only idempotent requests go again.
                    if (route.IsIdempotent && failed < TransientBackoff.Length)
                    {
                        DiscordRestLog.RetryingTransient(_logger, ex, route.Key, 0, TransientBackoff[failed].TotalMilliseconds, failed + 1);
                        await Task.Delay(TransientBackoff[failed++], _time, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    var what = ex is OperationCanceledException ? "no answer before the timeout" : "could not reach Discord: " + ex.Message;
                    throw new DiscordApiException(0, null, Scrub(what), innerException: ex);
                }
            }

            _limiter.Update(route, response.Headers);
            var status = (int)response.StatusCode;
            DiscordRestLog.Answered(_logger, route.Key, status);
            if (response.IsSuccessStatusCode)
                return response;

            DiscordErrorBody error;
            using (response)
                error = DiscordErrorBody.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));

            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                BotMetrics.RateLimited.Add(1, BotMetrics.Platform("discord"));
                var global = error.Global || IsTrue(response.Headers, "X-RateLimit-Global");
                var retryAfter = RetryAfter(error, response.Headers);
                if (retryAfter is { } wait)
                    _limiter.BlockAfter429(route, wait, global);
                if (retryAfter is { } delay && delay <= MaxRateLimitWait && rateLimited < MaxRateLimitRetries)
                {
                    rateLimited++;
                    DiscordRestLog.RateLimited(_logger, route.Key, global, delay.TotalMilliseconds, rateLimited);
                    continue; // the limiter holds the retry until the block passes
                }
                throw Failure(status, error, response.ReasonPhrase, retryAfter, global);
            }

            if (status >= 500 && route.IsIdempotent && failed < TransientBackoff.Length)
            {
                DiscordRestLog.RetryingTransient(_logger, null, route.Key, status, TransientBackoff[failed].TotalMilliseconds, failed + 1);
                await Task.Delay(TransientBackoff[failed++], _time, cancellationToken).ConfigureAwait(false);
                continue;
            }

            throw Failure(status, error, response.ReasonPhrase, retryAfter: null, global: false);
        }
    }

    private HttpRequestMessage BuildRequest(DiscordRoute route, JsonNode? body)
    {
        var request = new HttpRequestMessage(route.Method, new Uri(_baseUri, route.Path));
        request.Headers.UserAgent.ParseAdd(UserAgent);
        if (route.UsesBotToken && !string.IsNullOrEmpty(_token))
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _token);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        return request;
    }

    private DiscordApiException Failure(int status, DiscordErrorBody error, string? reason, TimeSpan? retryAfter, bool global) =>
        new(status, error.Code, Scrub(error.Message ?? reason ?? "no details"), retryAfter, global);

    // Discord never echoes the token, but a proxy's error page or a socket message might: keep it out
    // of exception messages, which end up in logs.
    private string Scrub(string text) =>
        string.IsNullOrEmpty(_token) ? text : text.Replace(_token, "[bot token]", StringComparison.Ordinal);

    // The body's retry_after is fractional seconds; the Retry-After header (whole seconds) covers
    // answers without Discord's JSON. Neither means we do not know, and guessing risks a longer ban.
    private static TimeSpan? RetryAfter(DiscordErrorBody error, HttpResponseHeaders headers)
    {
        if (error.RetryAfterSeconds is { } seconds)
            return DiscordRateLimiter.Seconds(seconds);
        if (headers.RetryAfter?.Delta is { } delta)
            return delta;
        return null;
    }

    private static bool IsTrue(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) && values.Any(v => string.Equals(v, "true", StringComparison.OrdinalIgnoreCase));
}
