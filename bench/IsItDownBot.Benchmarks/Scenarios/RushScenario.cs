using System.Diagnostics;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Scenario 1: ten thousand people ask about one service at the same moment, whose endpoints answer after
/// 200 ms. They must share one probe round, and wait hardly longer than that round takes.
/// </summary>
internal static class RushScenario
{
    public const string Name = "1. Rush";
    private const int Questions = 10_000;
    private const int LoneRounds = 5;
    private const double Goal = 1.2;

    public static async Task RunAsync(Results results)
    {
        await using var world = await SlowWorld.StartAsync([new ServiceShape("rush", "Rush", null, 2)], SlowWorld.AnswerAfter(TimeSpan.FromMilliseconds(200)));

        // One probe round, asked alone: the first is discarded (JIT, first connections), the median of the rest kept.
        var lone = new List<double>();
        await using (var alone = BotCore.Build(world.Settings, TimeSpan.Zero))
        {
            var service = alone.Catalog.Find("rush")!;
            for (var i = 0; i <= LoneRounds; i++)
            {
                var asked = Stopwatch.GetTimestamp();
                await alone.Checker.CheckAsync(service);
                if (i > 0)
                {
                    lone.Add(Stopwatch.GetElapsedTime(asked).TotalMilliseconds);
                }
            }
        }

        var round = Format.Median(lone);
        var requestsPerRound = world.EndpointRequests / (LoneRounds + 1);

        // The rush: a fresh core (cold cache, the usual 30 s TTL), every question asked before any is answered.
        await using var core = BotCore.Build(world.Settings, TimeSpan.FromSeconds(30));
        var rush = core.Catalog.Find("rush")!;
        var requestsBefore = world.EndpointRequests;
        var answers = new Task<double>[Questions];
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < Questions; i++)
        {
            answers[i] = AskAsync(core, rush);
        }

        var issued = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var times = (await Task.WhenAll(answers)).Order().ToList();
        var wall = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        var requests = world.EndpointRequests - requestsBefore;
        var p99 = Format.Percentile(times, 99);

        results.Add(Name, "questions asked", Format.Count(Questions));
        results.Add(Name, "probe rounds run", Format.Count(core.Checker.ProbeRounds), "1", core.Checker.ProbeRounds == 1);
        results.Add(Name, "probe rounds / questions", Format.Number((double)core.Checker.ProbeRounds / Questions, "0.0000"));
        results.Add(Name, "endpoint requests (one lone round sends)", $"{requests} ({requestsPerRound})");
        results.Add(Name, "one probe round, alone (median of 5)", Format.Ms(round));
        results.Add(Name, "time to ask all questions", Format.Ms(issued));
        results.Add(Name, "answer time p50 / p99 / max", $"{Format.Ms(Format.Percentile(times, 50))} / {Format.Ms(p99)} / {Format.Ms(times[^1])}");
        results.Add(Name, "p99 / one round", Format.Ratio(p99 / round), $"≤ {Format.Ratio(Goal)}", p99 / round <= Goal);
        results.Add(Name, "wall time of the rush", Format.Ms(wall));
    }

    private static async Task<double> AskAsync(BotCore core, IsItDownBot.Core.Catalog.ServiceDefinition service)
    {
        var asked = Stopwatch.GetTimestamp();
        await core.Checker.CheckAsync(service);
        return Stopwatch.GetElapsedTime(asked).TotalMilliseconds;
    }
}
