using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Benchmarks.Fakes;

/// <summary>
/// Just enough of the Telegram Bot API for <c>run</c> to start its Telegram adapter and deliver alerts: getMe,
/// an empty long poll, and sendMessage under the platform's limits, answering 429 with retry_after beyond them.
/// Leaner than the test suite's fake, which records and validates every call: here only counting matters.
/// </summary>
internal sealed class RateLimitedTelegram : IAsyncDisposable
{
    public const string Token = "123456:BENCH";
    private static readonly TimeSpan LongPoll = TimeSpan.FromSeconds(1);

    private LoopbackHttpsServer? _server;
    private long _messageId;

    private RateLimitedTelegram(RateLimitedPlatform limits) => Limits = limits;

    public RateLimitedPlatform Limits { get; }

    public string BaseUrl => $"http://127.0.0.1:{_server!.Port}";

    public static async Task<RateLimitedTelegram> StartAsync(RateLimitedPlatform limits)
    {
        var fake = new RateLimitedTelegram(limits);
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

    private async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Path.Value?.Split('/')[^1] ?? "";
        switch (method)
        {
            case "getMe":
                await WriteAsync(context, 200, Ok(new JsonObject { ["id"] = 123456, ["is_bot"] = true, ["first_name"] = "Bench", ["username"] = "BenchBot" }));
                break;

            case "getUpdates":
                try
                {
                    await Task.Delay(LongPoll, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                await WriteAsync(context, 200, Ok(new JsonArray()));
                break;

            case "sendMessage":
                await SendMessageAsync(context);
                break;

            default:
                await WriteAsync(context, 200, Ok(true));
                break;
        }
    }

    private async Task SendMessageAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
        var chat = body?["chat_id"]?.ToString() ?? "";
        var verdict = Limits.Offer(chat);
        if (!verdict.Accepted)
        {
            // Telegram gives whole seconds.
            var seconds = (int)Math.Ceiling(verdict.RetryAfter.TotalSeconds);
            await WriteAsync(context, 429, new JsonObject
            {
                ["ok"] = false,
                ["error_code"] = 429,
                ["description"] = $"Too Many Requests: retry after {seconds}",
                ["parameters"] = new JsonObject { ["retry_after"] = seconds },
            });
            return;
        }

        var message = new JsonObject
        {
            ["message_id"] = Interlocked.Increment(ref _messageId),
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["chat"] = new JsonObject { ["id"] = long.Parse(chat, CultureInfo.InvariantCulture), ["type"] = "private" },
            ["text"] = "alert",
        };
        await WriteAsync(context, 200, Ok(message));
    }

    private static JsonObject Ok(JsonNode result) => new() { ["ok"] = true, ["result"] = result };

    private static Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString(JsonSerializerOptions.Default), context.RequestAborted);
    }
}
