using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Benchmarks.Fakes;

/// <summary>
/// Just enough of Discord's HTTP API for <c>run</c> to deliver alerts: channel messages under a global limit
/// and a per-channel bucket whose state the X-RateLimit headers report, as Discord's do, and 429 with
/// retry_after (global or not) beyond them. The gateway it names does not answer: alerts need only REST.
/// </summary>
internal sealed class RateLimitedDiscord : IAsyncDisposable
{
    public const string Token = "bench.discord.token";
    private const string ApiPrefix = "/api/v10";

    private LoopbackHttpsServer? _server;
    private long _messageId;

    private RateLimitedDiscord(RateLimitedPlatform limits) => Limits = limits;

    public RateLimitedPlatform Limits { get; }

    public string BaseUrl => $"http://127.0.0.1:{_server!.Port}{ApiPrefix}";

    public static async Task<RateLimitedDiscord> StartAsync(RateLimitedPlatform limits)
    {
        var fake = new RateLimitedDiscord(limits);
        fake._server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, fake.HandleAsync);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private Task HandleAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is [_, _, "channels", var channel, "messages"] && HttpMethods.IsPost(context.Request.Method))
        {
            return CreateMessageAsync(context, channel);
        }

        if (segments is [.., "gateway", "bot"])
        {
            // A closed port: the gateway session keeps failing and retrying, which alert delivery does not need.
            return WriteAsync(context, 200, new JsonObject
            {
                ["url"] = "ws://127.0.0.1:1",
                ["shards"] = 1,
                ["session_start_limit"] = new JsonObject { ["total"] = 1000, ["remaining"] = 1000, ["reset_after"] = 0, ["max_concurrency"] = 1 },
            });
        }

        return WriteAsync(context, 200, new JsonObject());
    }

    private Task CreateMessageAsync(HttpContext context, string channel)
    {
        var verdict = Limits.Offer(channel);
        var headers = context.Response.Headers;
        headers["X-RateLimit-Bucket"] = "channel-messages";
        headers["X-RateLimit-Remaining"] = verdict.Channel.Remaining.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset-After"] = verdict.Channel.ResetAfter.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
        if (!verdict.Accepted)
        {
            headers["Retry-After"] = Math.Ceiling(verdict.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            if (verdict.Global)
            {
                headers["X-RateLimit-Global"] = "true";
            }

            return WriteAsync(context, 429, new JsonObject
            {
                ["message"] = "You are being rate limited.",
                ["retry_after"] = Math.Round(verdict.RetryAfter.TotalSeconds, 3),
                ["global"] = verdict.Global,
            });
        }

        return WriteAsync(context, 200, new JsonObject
        {
            ["id"] = Interlocked.Increment(ref _messageId).ToString(CultureInfo.InvariantCulture),
            ["channel_id"] = channel,
        });
    }

    private static Task WriteAsync(HttpContext context, int status, JsonObject body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted);
    }
}
