using System.Text.Json.Nodes;
using IsItDownBot.Discord.Rest;
using IsItDownBot.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Discord.Tests.Rest;

public sealed class DiscordRestClientTests : IAsyncLifetime, IDisposable
{
    private const int RateLimitedEvent = 500;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly RecordingLogger<DiscordRestClient> _logger = new();
    private FakeDiscordRest _discord = null!;

    public async Task InitializeAsync() => _discord = await FakeDiscordRest.StartAsync();

    public async Task DisposeAsync()
    {
        await _discord.DisposeAsync();
        // Whatever happened in the test, the token never reached a log line.
        Assert.DoesNotContain(_logger.Lines, line => line.Contains(_discord.Token, StringComparison.Ordinal));
    }

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task CreateMessage_SendsTheBotTokenAndUserAgent_AndReturnsTheStoredMessage()
    {
        var message = await Client().CreateMessageAsync("111", new JsonObject { ["content"] = "Facebook is down" });

        Assert.Equal("Facebook is down", (string?)message["content"]);
        Assert.Equal("111", (string?)message["channel_id"]);
        Assert.False(string.IsNullOrEmpty((string?)message["id"]));
        var call = Assert.Single(_discord.Messages("111"));
        Assert.Equal($"Bot {_discord.Token}", call.Authorization);
        Assert.Equal("DiscordBot (https://github.com/isitdownbot/isitdownbot, 1.0)", call.UserAgent);
        Assert.Equal("Facebook is down", (string?)call.Body?["content"]);
    }

    [Fact]
    public async Task GetGatewayBot_ReturnsTheGatewayUrl()
    {
        _discord.GatewayUrl = "ws://127.0.0.1:4242";

        var gateway = await Client().GetGatewayBotAsync();

        Assert.Equal("ws://127.0.0.1:4242", (string?)gateway["url"]);
        Assert.Equal(999, (int?)gateway["session_start_limit"]?["remaining"]);
    }

    [Fact]
    public async Task PutApplicationCommands_WithAGuild_ReplacesThatGuildsCommands()
    {
        await Client().PutApplicationCommandsAsync(_discord.ApplicationId, "222", [new JsonObject { ["name"] = "isitdown", ["description"] = "Check" }]);

        var call = Assert.Single(_discord.Calls);
        Assert.Equal(("PUT", $"/applications/{_discord.ApplicationId}/guilds/222/commands", 200), (call.Method, call.Path, call.Status));
    }

    [Fact]
    public async Task InteractionResponses_AreSentWithoutTheBotToken()
    {
        var client = Client();

        await client.CreateInteractionResponseAsync("333", "interaction-token", new JsonObject { ["type"] = 5 });
        await client.EditOriginalResponseAsync(_discord.ApplicationId, "interaction-token", new JsonObject { ["content"] = "done" });

        Assert.Collection(
            _discord.Calls,
            callback => Assert.Equal(("POST", "/interactions/333/interaction-token/callback", 204, (string?)null), (callback.Method, callback.Path, callback.Status, callback.Authorization)),
            edit => Assert.Equal(("PATCH", $"/webhooks/{_discord.ApplicationId}/interaction-token/messages/@original", 200, (string?)null), (edit.Method, edit.Path, edit.Status, edit.Authorization)));
    }

    [Fact]
    public async Task CreateMessage_ToAnUnknownChannel_ThrowsWithDiscordsErrorCode()
    {
        _discord.FailChannel("404404", 404, 10003, "Unknown Channel");

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client().CreateMessageAsync("404404", new JsonObject { ["content"] = "x" }));

        Assert.Equal((404, 10003), (error.StatusCode, error.Code));
        Assert.Equal("Discord API 404 (10003): Unknown Channel", error.Message);
        Assert.Single(_discord.Calls);
    }

    [Fact]
    public async Task AWrongToken_GetsA401_AndTheTokenIsInNoExceptionMessage()
    {
        var wrongToken = "WRONG.SECRET.TOKEN";

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client(token: wrongToken).GetGatewayBotAsync());

        Assert.Equal(401, error.StatusCode);
        Assert.DoesNotContain(wrongToken, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(wrongToken, string.Join("\n", _logger.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANonJsonErrorBody_BecomesADiscordApiExceptionWithTheStatus()
    {
        _discord.FailNext(1, 502, "<html><body>Bad gateway</body></html>");

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client().CreateMessageAsync("111", new JsonObject { ["content"] = "x" }));

        Assert.Equal(502, error.StatusCode);
        Assert.Null(error.Code);
        Assert.StartsWith("Discord API 502: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APostThatGets500_IsNotRetried_BecauseDiscordMayHaveProcessedIt()
    {
        _discord.FailNext(1, 500);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client().CreateMessageAsync("111", new JsonObject { ["content"] = "x" }));

        Assert.Equal(500, error.StatusCode);
        Assert.Single(_discord.Calls);
    }

    [Fact]
    public async Task APatchThatGets500_IsRetried_AndSucceeds()
    {
        _discord.FailNext(1, 500);

        await Client().EditOriginalResponseAsync(_discord.ApplicationId, "tok", new JsonObject { ["content"] = "report" });

        Assert.Equal([500, 200], _discord.Calls.Select(call => call.Status));
    }

    [Fact]
    public async Task ARequestThatKeepsGetting500_GivesUpAfterTwoRetries()
    {
        _discord.FailNext(10, 503);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client().GetGatewayBotAsync());

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, _discord.Calls.Count);
    }

    [Fact]
    public async Task A429_IsWaitedOutForRetryAfter_ThenTheSamePostIsSentAgain()
    {
        _discord.RateLimitNext("/channels/111/messages", 0.2);

        await Client().CreateMessageAsync("111", new JsonObject { ["content"] = "x" });

        var calls = _discord.Calls;
        Assert.Equal([429, 200], calls.Select(call => call.Status));
        // The client starts waiting after the 429 reached it, so the gap can only be longer (10 ms for clock granularity).
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromMilliseconds(190), $"retried after {(calls[1].At - calls[0].At).TotalMilliseconds} ms");
        Assert.Single(_discord.Messages("111"));
    }

    [Fact]
    public async Task A429_RepeatedMoreThanThreeTimes_ThrowsWithRetryAfter()
    {
        for (var i = 0; i < 4; i++)
            _discord.RateLimitNext("/channels/111/messages", 0.01);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => Client().CreateMessageAsync("111", new JsonObject { ["content"] = "x" }));

        Assert.Equal(429, error.StatusCode);
        Assert.Equal(TimeSpan.FromMilliseconds(10), error.RetryAfter);
        Assert.Equal(4, _discord.TooManyRequests);
        Assert.Empty(_discord.Messages());
    }

    [Fact]
    public async Task AGlobal429_HoldsRequestsOnOtherRoutes_UntilRetryAfterHasPassed()
    {
        var time = new FakeTimeProvider();
        var client = Client(time);
        _discord.RateLimitNext("/channels/111/messages", 5, global: true);

        var first = client.CreateMessageAsync("111", new JsonObject { ["content"] = "a" });
        await _logger.WaitForAsync(RateLimitedEvent);
        var other = client.CreateMessageAsync("222", new JsonObject { ["content"] = "b" });

        Assert.False(first.IsCompleted);
        Assert.False(other.IsCompleted);
        Assert.Single(_discord.Calls);

        time.Advance(TimeSpan.FromSeconds(5));
        await Task.WhenAll(first, other);

        Assert.Single(_discord.Messages("111"));
        Assert.Single(_discord.Messages("222"));
        Assert.Equal(1, _discord.TooManyRequests);
    }

    [Fact]
    public async Task AGlobal429_DoesNotHoldInteractionResponses_WhichDiscordExemptsFromTheGlobalLimit()
    {
        var time = new FakeTimeProvider();
        var client = Client(time);
        _discord.RateLimitNext("/channels/111/messages", 5, global: true);

        var held = client.CreateMessageAsync("111", new JsonObject { ["content"] = "a" });
        await _logger.WaitForAsync(RateLimitedEvent);
        await client.CreateInteractionResponseAsync("333", "tok", new JsonObject { ["type"] = 5 });

        Assert.False(held.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        await held;
    }

    [Fact]
    public async Task ABucketWithNoneRemaining_HoldsTheNextRequestUntilItResets()
    {
        var time = new FakeTimeProvider();
        await using var discord = await FakeDiscordRest.StartAsync(timeProvider: time);
        discord.BucketLimit("/channels/555/messages", 1, TimeSpan.FromSeconds(5));
        var client = Client(time, discord);

        await client.CreateMessageAsync("555", new JsonObject { ["content"] = "first" });
        var second = client.CreateMessageAsync("555", new JsonObject { ["content"] = "second" });

        Assert.False(second.IsCompleted);
        Assert.Single(discord.Calls);

        time.Advance(TimeSpan.FromSeconds(5));
        await second;

        Assert.Equal(2, discord.Messages("555").Count);
        Assert.Equal(0, discord.TooManyRequests);
        Assert.True(discord.Calls[1].At - discord.Calls[0].At >= TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task ABucketWithNoneRemaining_DoesNotHoldAnotherChannel()
    {
        var time = new FakeTimeProvider();
        await using var discord = await FakeDiscordRest.StartAsync(timeProvider: time);
        discord.BucketLimit("/channels/555/messages", 1, TimeSpan.FromSeconds(5));
        var client = Client(time, discord);

        await client.CreateMessageAsync("555", new JsonObject { ["content"] = "first" });
        await client.CreateMessageAsync("666", new JsonObject { ["content"] = "elsewhere" });

        Assert.Single(discord.Messages("666"));
    }

    [Fact]
    public async Task ANetworkFailureOnAPost_ThrowsWithStatusZero_AfterOneAttempt()
    {
        using var closed = new ClosedPort(System.Net.IPAddress.Loopback);
        var client = new DiscordRestClient(
            _http,
            Options.Create(new DiscordOptions { BotToken = _discord.Token, ApiBaseUrl = $"http://127.0.0.1:{closed.Port}/api/v10" }),
            TimeProvider.System,
            _logger);

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => client.CreateMessageAsync("111", new JsonObject { ["content"] = "x" }));

        Assert.Equal(0, error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    private DiscordRestClient Client(TimeProvider? time = null, FakeDiscordRest? discord = null, string? token = null)
    {
        discord ??= _discord;
        var options = Options.Create(new DiscordOptions { BotToken = token ?? discord.Token, ApiBaseUrl = discord.BaseUrl });
        return new DiscordRestClient(_http, options, time ?? TimeProvider.System, _logger);
    }
}
