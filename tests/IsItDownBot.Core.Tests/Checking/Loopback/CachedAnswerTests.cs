using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>During an outage most answers come from the cache: that path must cost next to nothing.</summary>
public sealed class CachedAnswerTests
{
    [Fact]
    public async Task Check_OnAWarmCache_AllocatesNothing()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("solo", "Solo", LoopbackHttpsServer.Respond(200));
        await world.StartServiceAsync("app", "App", LoopbackHttpsServer.Respond(200), group: "acme");
        await world.StartServiceAsync("chat", "Chat", LoopbackHttpsServer.Respond(200), group: "acme");
        await using var provider = LoopbackBot.Build(world);
        var checker = provider.GetRequiredService<StatusChecker>();
        var catalog = provider.GetRequiredService<ServiceCatalog>();
        var solo = catalog.Find("solo")!;
        var app = catalog.Find("app")!;
        using var cancellable = new CancellationTokenSource();
        await checker.CheckAsync(solo);
        await checker.CheckAsync(app);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _ = checker.CheckAsync(solo);
            _ = checker.CheckAsync(app);
            _ = checker.CheckAsync(app, cancellable.Token);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public async Task Check_OfAGroupMember_ReadsTheSameRoundsOnceAndAgainWhenASiblingIsProbedAnew()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var chatUp = true;
        await world.StartServiceAsync("app", "App", LoopbackHttpsServer.Respond(200), group: "acme");
        await world.StartServiceAsync("chat", "Chat", context =>
        {
            context.Response.StatusCode = Volatile.Read(ref chatUp) ? 200 : 503;
            return Task.CompletedTask;
        }, group: "acme");
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
        await using var provider = LoopbackBot.Build(world);
        var checker = provider.GetRequiredService<StatusChecker>();
        var app = provider.GetRequiredService<ServiceCatalog>().Find("app")!;

        var first = await checker.CheckAsync(app);
        Volatile.Write(ref chatUp, false);
        var second = await checker.CheckAsync(app);

        Assert.Empty(first.Notes);
        Assert.Equal(Verdict.Up, second.Verdict);
        Assert.Equal("Chat is down, though App works from here.", Assert.Single(second.Notes).English);
    }
}
