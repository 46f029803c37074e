using IsItDownBot.Discord.Gateway;

namespace IsItDownBot.Discord.Tests.Gateway;

public sealed class DiscordGatewayClientReconnectTests
{
    [Fact]
    public async Task Run_ConnectionDropped_ResumesWithSessionAndSequence_AndGetsMissedEventsReplayed()
    {
        // Jitter 0.5: the reconnect waits half a second, so the dispatch below happens while disconnected.
        await using var harness = await GatewayHarness.StartAsync(jitter: 0.5);
        await harness.Fake.WaitForSessionAsync();
        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("1"));
        await harness.NextAsync("INTERACTION_CREATE");
        var sessionId = harness.Client.SessionId;

        await harness.Fake.DropAsync();
        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("2"));

        var resume = await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 6);
        Assert.Equal(harness.Fake.Token, resume["d"]!["token"]!.GetValue<string>());
        Assert.Equal(sessionId, resume["d"]!["session_id"]!.GetValue<string>());
        Assert.Equal(2, resume["d"]!["seq"]!.GetValue<int>());

        Assert.Equal("2", GatewayHarness.IdOf(await harness.NextAsync("INTERACTION_CREATE")));
        await harness.NextAsync("RESUMED");
        // Replayed events come before RESUMED; a live one would come after it.
        var names = harness.Seen.Select(d => d.EventName).ToList();
        Assert.True(names.LastIndexOf("INTERACTION_CREATE") < names.IndexOf("RESUMED"));
        Assert.Equal(1, harness.Fake.Identifies);
        Assert.Equal(2, harness.Fake.Connections);
        Assert.Equal(1, harness.Client.Reconnects);
    }

    [Fact]
    public async Task Run_Reconnect_ClosesAndResumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        await harness.Fake.SendReconnectAsync();

        await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 6);
        await harness.NextAsync("RESUMED");
        Assert.Equal(1, harness.Fake.Identifies);
        Assert.Equal(2, harness.Fake.Connections);
    }

    [Fact]
    public async Task Run_InvalidSessionNotResumable_IdentifiesAnew()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.NextAsync("READY");
        var first = harness.Client.SessionId;

        await harness.Fake.SendInvalidSessionAsync(resumable: false);

        await harness.NextAsync("READY");
        Assert.Equal(2, harness.Fake.Identifies);
        Assert.Equal(0, harness.Fake.Resumes);
        Assert.NotEqual(first, harness.Client.SessionId);
    }

    [Fact]
    public async Task Run_InvalidSessionResumable_Resumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.NextAsync("READY");

        await harness.Fake.SendInvalidSessionAsync(resumable: true);

        await harness.NextAsync("RESUMED");
        Assert.Equal(1, harness.Fake.Identifies);
        Assert.Equal(1, harness.Fake.Resumes);
    }

    [Fact]
    public async Task Run_NoHeartbeatAck_TreatsTheConnectionAsZombieAndResumes()
    {
        await using var harness = await GatewayHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(100));
        await harness.NextAsync("READY");

        harness.Fake.AcknowledgeHeartbeats = false;
        await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 6);
        harness.Fake.AcknowledgeHeartbeats = true;

        await harness.NextAsync("RESUMED");
        Assert.Equal(1, harness.Fake.Identifies);
        Assert.True(harness.Fake.Connections >= 2);
        Assert.Contains(harness.Logger.Lines, l => l.Text.Contains("zombie", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ClosedWithSessionTimedOut_IdentifiesAnew()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.NextAsync("READY");

        await harness.Fake.CloseAsync(4009, "Session timed out.");

        await harness.NextAsync("READY");
        Assert.Equal(2, harness.Fake.Identifies);
        Assert.Equal(0, harness.Fake.Resumes);
    }

    [Fact]
    public async Task Run_ClosedWithOtherCode_Resumes()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.NextAsync("READY");

        await harness.Fake.CloseAsync(4000, "Unknown error.");

        await harness.NextAsync("RESUMED");
        Assert.Equal(1, harness.Fake.Identifies);
    }

    [Fact]
    public async Task Run_WrongToken_ThrowsFatalCloseWithCauseAndFix_AndDoesNotReconnect()
    {
        await using var harness = await GatewayHarness.StartAsync(token: "WRONG.TOKEN.VALUE");

        var fatal = await Assert.ThrowsAsync<DiscordFatalCloseException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(15)));

        Assert.Equal(4004, fatal.CloseCode);
        Assert.Contains("IsItDown:Discord:BotToken", fatal.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Fake.Connections);
        Assert.DoesNotContain(harness.Logger.Lines, l => l.Text.Contains("WRONG.TOKEN.VALUE", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(4010, "ShardId")]
    [InlineData(4011, "ShardCount")]
    [InlineData(4012, "v10")]
    [InlineData(4013, "intents")]
    [InlineData(4014, "MessageContent")]
    public async Task Run_FatalCloseCodes_StopWithTheirCause(int closeCode, string namedInMessage)
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        await harness.Fake.CloseAsync(closeCode);

        var fatal = await Assert.ThrowsAsync<DiscordFatalCloseException>(() => harness.Run.WaitAsync(TimeSpan.FromSeconds(15)));
        Assert.Equal(closeCode, fatal.CloseCode);
        Assert.Contains(namedInMessage, fatal.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Fake.Connections);
    }

    [Fact]
    public async Task Run_GatewayUrlFails_TriesAgain()
    {
        await using var fake = await IsItDownBot.Testing.FakeDiscordGateway.StartAsync();
        var client = new DiscordGatewayClient(Microsoft.Extensions.Options.Options.Create(new DiscordOptions { BotToken = fake.Token }),
            TimeProvider.System, new RecordingLogger<DiscordGatewayClient>()) { Jitter = () => 0 };
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var run = client.RunAsync(
            _ => ++calls == 1 ? throw new HttpRequestException("REST is down") : Task.FromResult(fake.Url),
            (_, _) => Task.CompletedTask, stop.Token);

        await fake.WaitForSessionAsync();
        await stop.CancelAsync();
        await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, calls);
    }
}
