using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

public sealed class SingleFlightTests
{
    [Fact]
    public async Task Check_WhenAThousandPeopleAskAtOnce_SendsOneProbeRound()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var answer = new TaskCompletionSource();
        var web = await world.StartHttpsAsync("www.rush.test", async context =>
        {
            // Hold the answer until every question has been asked, so they all overlap the one round.
            await answer.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 200;
        });
        world.AddService("rush", "Rush", "rush.test", null, web.UriFor("www.rush.test"));
        await using var provider = LoopbackBot.Build(world);
        var checker = provider.GetRequiredService<StatusChecker>();
        var service = provider.GetRequiredService<ServiceCatalog>().Find("rush")!;

        var questions = Enumerable.Range(0, 1000).Select(_ => checker.CheckAsync(service)).ToList();
        answer.SetResult();
        var reports = await Task.WhenAll(questions);

        Assert.Equal(1, checker.ProbeRounds);
        Assert.Equal(1, web.RequestCount);
        Assert.All(reports, report => Assert.Equal(Verdict.Up, report.Verdict));
        Assert.Single(reports.Distinct());
    }

    [Fact]
    public async Task Check_WhenTheCachedReportIsFresh_DoesNotProbeAgain()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("cached", "Cached", LoopbackHttpsServer.Respond(200));
        await using var provider = LoopbackBot.Build(world);
        var checker = provider.GetRequiredService<StatusChecker>();
        var service = provider.GetRequiredService<ServiceCatalog>().Find("cached")!;

        var first = await checker.CheckAsync(service);
        var second = await checker.CheckAsync(service);

        Assert.Same(first, second);
        Assert.Equal(1, web.RequestCount);
    }
}
