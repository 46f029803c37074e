using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Discord.Gateway;

namespace IsItDownBot.Discord.Tests.Gateway;

public sealed class DiscordGatewayClientSessionTests
{
    [Fact]
    public async Task Run_OnHello_IdentifiesWithTokenIntentsShardAndProperties()
    {
        await using var harness = await GatewayHarness.StartAsync(messageContent: true, shardId: 1, shardCount: 3);

        var identify = await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 2);

        var d = identify["d"]!;
        Assert.Equal(harness.Fake.Token, d["token"]!.GetValue<string>());
        Assert.Equal((1 << 9) | (1 << 12) | (1 << 15), d["intents"]!.GetValue<int>());
        Assert.Equal("[1,3]", d["shard"]!.ToJsonString());
        Assert.Equal("IsItDownBot", d["properties"]!["browser"]!.GetValue<string>());
        Assert.Equal("IsItDownBot", d["properties"]!["device"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(d["properties"]!["os"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_OnReady_PassesItOnAndKeepsTheSession()
    {
        await using var harness = await GatewayHarness.StartAsync();

        var ready = await harness.NextAsync("READY");

        Assert.Equal(1, ready.Sequence);
        Assert.Equal("900000000000000001", ready.Data.GetProperty("application").GetProperty("id").GetString());
        Assert.Equal(harness.Fake.SessionId, harness.Client.SessionId);
        Assert.True(harness.Client.Connected);
        Assert.Equal(0, harness.Client.Reconnects);
    }

    [Fact]
    public async Task IntentsFor_WithoutMessageContent_AsksForGuildAndDirectMessagesOnly() =>
        Assert.Equal((1 << 9) | (1 << 12), DiscordGatewayClient.IntentsFor(new DiscordOptions { MessageContent = false }));

    [Fact]
    public async Task Run_Heartbeats_CarryTheLastSequenceSeen()
    {
        await using var harness = await GatewayHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(300));
        await harness.NextAsync("READY");

        await harness.Fake.DispatchAsync("GUILD_CREATE", new JsonObject { ["id"] = "1" });
        await harness.NextAsync("GUILD_CREATE");

        // READY was 1, GUILD_CREATE 2: a later heartbeat says so.
        await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 1 && f["d"]?.GetValueKind() == JsonValueKind.Number && f["d"]!.GetValue<int>() == 2);
    }

    [Fact]
    public async Task Run_FirstHeartbeat_BeforeAnyDispatch_IsNullOrReadySequence()
    {
        await using var harness = await GatewayHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(300));

        var heartbeat = await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 1);

        Assert.True(heartbeat["d"] is null || heartbeat["d"]!.GetValue<int>() == 1);
    }

    [Fact]
    public async Task Run_InteractionCreate_ReachesTheHandler()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("111"));

        var interaction = await harness.NextAsync("INTERACTION_CREATE");
        Assert.Equal("111", GatewayHarness.IdOf(interaction));
        Assert.Equal(2, interaction.Sequence);
    }

    [Fact]
    public async Task Run_MalformedOrUnexpectedFrames_AreIgnoredAndTheSessionGoesOn()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        await harness.Fake.SendRawAsync("{not json");
        await harness.Fake.SendRawAsync("[1,2,3]");
        await harness.Fake.SendRawAsync("""{"op":"zero"}""");
        await harness.Fake.SendRawAsync("""{"op":0,"d":{}}""");
        await harness.Fake.SendRawAsync("""{"op":10,"d":{"heartbeat_interval":-5}}""");
        await harness.Fake.SendRawAsync("""{"op":42,"d":null}""");
        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("222"));

        Assert.Equal("222", GatewayHarness.IdOf(await harness.NextAsync("INTERACTION_CREATE")));
        Assert.Equal(1, harness.Fake.Connections);
        Assert.Contains(harness.Logger.Lines, l => l.Text.Contains("not JSON", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_MessageSplitAcrossFrames_IsReadWhole()
    {
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        var big = new string('x', 20_000);
        await harness.Fake.SendRawAsync($$$"""{"op":0,"t":"MESSAGE_CREATE","s":7,"d":{"id":"333","content":"{{{big}}}"}}""", fragmentBytes: 1000);

        var message = await harness.NextAsync("MESSAGE_CREATE");
        Assert.Equal(big, message.Data.GetProperty("content").GetString());
        Assert.Equal(7, message.Sequence);
    }

    [Fact]
    public async Task Run_HandlerThrows_LogsAndKeepsHandlingLaterDispatches()
    {
        await using var harness = await GatewayHarness.StartAsync(run: false);
        harness.OnDispatch = d => throw new InvalidOperationException($"handler broke on {d.EventName}");
        harness.Start();
        await harness.NextAsync("READY");

        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("444"));

        Assert.Equal("444", GatewayHarness.IdOf(await harness.NextAsync("INTERACTION_CREATE")));
        Assert.Contains(harness.Logger.Lines, l => l.Text.Contains("handling READY", StringComparison.Ordinal));
        Assert.Equal(1, harness.Fake.Connections);
    }

    [Fact]
    public async Task Run_Cancelled_ReturnsPromptlyWithoutReconnecting()
    {
        await using var harness = await GatewayHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(200));
        await harness.Fake.WaitForSessionAsync();

        await harness.StopAsync();

        await harness.Run.WaitAsync(TimeSpan.FromSeconds(3));
        Assert.Equal(1, harness.Fake.Connections);
        Assert.False(harness.Client.Connected);
    }

    [Fact]
    public async Task Run_NeverLogsTheToken()
    {
        await using var harness = await GatewayHarness.StartAsync(heartbeatInterval: TimeSpan.FromMilliseconds(300));
        // The client's READY, not the fake's: a drop before the client reads READY rightly ends in a new IDENTIFY.
        await harness.NextAsync("READY");
        await harness.Fake.DropAsync();
        await harness.Fake.WaitForFrameAsync(f => GatewayHarness.Op(f) == 6);
        await harness.Fake.WaitForSessionAsync();

        Assert.NotEmpty(harness.Logger.Lines);
        Assert.DoesNotContain(harness.Logger.Lines, l => l.Text.Contains(harness.Fake.Token, StringComparison.Ordinal));
    }
}
