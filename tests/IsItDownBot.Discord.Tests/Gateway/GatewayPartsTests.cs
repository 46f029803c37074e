using System.Text;
using System.Text.Json.Nodes;
using IsItDownBot.Discord.Gateway;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Discord.Tests.Gateway;

public sealed class GatewayPartsTests
{
    [Fact]
    public void Heartbeat_WithoutSequence_SendsNull() =>
        Assert.Equal("""{"op":1,"d":null}""", Encoding.UTF8.GetString(GatewayPayloads.Heartbeat(null)));

    [Fact]
    public void Resume_CarriesTokenSessionAndSequence() =>
        Assert.Equal("""{"op":6,"d":{"token":"T","session_id":"S","seq":42}}""", Encoding.UTF8.GetString(GatewayPayloads.Resume("T", "S", 42)));

    [Fact]
    public void Identify_HasDiscordsShape()
    {
        var frame = JsonNode.Parse(GatewayPayloads.Identify("T", 4608, 0, 1))!;

        Assert.Equal(2, frame["op"]!.GetValue<int>());
        Assert.Equal("T", frame["d"]!["token"]!.GetValue<string>());
        Assert.Equal(4608, frame["d"]!["intents"]!.GetValue<int>());
        Assert.Equal("[0,1]", frame["d"]!["shard"]!.ToJsonString());
    }

    [Fact]
    public async Task SendLimiter_OverTheWindow_WaitsUntilTheOldestFrameLeavesIt()
    {
        var time = new FakeTimeProvider();
        var limiter = new GatewaySendLimiter(time, limit: 3, window: TimeSpan.FromSeconds(60));
        for (var i = 0; i < 3; i++)
            await limiter.WaitAsync(CancellationToken.None);

        var fourth = limiter.WaitAsync(CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await fourth.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Backoff_GrowsWithFailures_IsCapped_AndResetsWhenHealthy()
    {
        var backoff = new GatewayBackoff(() => 0.999999);
        var first = backoff.Next();
        backoff.Failed();
        backoff.Failed();
        var third = backoff.Next();
        for (var i = 0; i < 20; i++)
            backoff.Failed();
        var capped = backoff.Next();
        backoff.Healthy();

        Assert.True(third > first * 3);
        Assert.True(capped <= GatewayBackoff.Cap);
        Assert.True(capped > GatewayBackoff.Cap * 0.99);
        Assert.Equal(first, backoff.Next());
    }

    [Fact]
    public void Backoff_AfterInvalidSession_WaitsBetweenOneAndFiveSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(1), new GatewayBackoff(() => 0).AfterInvalidSession());
        Assert.True(new GatewayBackoff(() => 0.999999).AfterInvalidSession() < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void FatalExplanation_OnlyForCodesReconnectingCannotFix()
    {
        foreach (var code in new[] { 4004, 4010, 4011, 4012, 4013, 4014 })
            Assert.NotNull(GatewayCloseCodes.FatalExplanation(code));
        foreach (var code in new[] { 1000, 1001, 4000, 4001, 4002, 4003, 4005, 4007, 4008, 4009, 4900 })
            Assert.Null(GatewayCloseCodes.FatalExplanation(code));
    }
}
