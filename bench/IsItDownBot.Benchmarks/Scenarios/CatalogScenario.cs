using System.Diagnostics;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Scenario 2: <c>status</c> over a synthetic catalog shaped like the shipped one (same services, groups and
/// endpoint counts) on loopback, every endpoint answering after 200 ms. Everything runs at once, so the whole
/// catalog should take about as long as its slowest service; compared with the same services one after the
/// other, and with curl fetching every endpoint through <c>xargs -P</c>.
/// </summary>
internal static class CatalogScenario
{
    public const string Name = "2. Whole catalog";
    private const double Goal = 1.5;
    private static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(200);

    public static async Task RunAsync(Results results)
    {
        var shapes = ServiceShape.Shipped();
        await using var world = await SlowWorld.StartAsync(shapes, SlowWorld.AnswerAfter(Delay));

        // Warm-up outside the measured catalog: JIT and first connections, on a copy of the first service.
        await using (var warm = BotCore.Build(world.Settings, TimeSpan.Zero))
        {
            await warm.Checker.CheckAsync(warm.Catalog.Services[0] with { Id = "warm-up", Group = null });
        }

        // Sequential baseline: one service after the other, groups ignored so each question probes its own service only.
        var alone = new List<double>();
        var sequential = Stopwatch.GetTimestamp();
        await using (var one = BotCore.Build(world.Settings, TimeSpan.FromSeconds(30)))
        {
            foreach (var service in one.Catalog.Services)
            {
                var started = Stopwatch.GetTimestamp();
                await one.Checker.CheckAsync(service with { Group = null });
                alone.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        var sequentialMs = Stopwatch.GetElapsedTime(sequential).TotalMilliseconds;
        var slowest = alone.Max();

        // What `status` does: every service of the catalog at once, groups included, on a cold cache.
        await using var core = BotCore.Build(world.Settings, TimeSpan.FromSeconds(30));
        var requestsBefore = world.EndpointRequests;
        var concurrent = Stopwatch.GetTimestamp();
        var reports = await core.Checker.CheckManyAsync(core.Catalog.Services);
        var wall = Stopwatch.GetElapsedTime(concurrent).TotalMilliseconds;
        var up = reports.Count(report => report.Verdict == Core.Explaining.Verdict.Up);

        results.Add(Name, "services / endpoints", $"{core.Catalog.Services.Count} / {world.Endpoints.Count}");
        results.Add(Name, "verdicts up", $"{up} of {reports.Count}", $"{reports.Count}", up == reports.Count);
        results.Add(Name, "endpoint requests in the concurrent run", Format.Count(world.EndpointRequests - requestsBefore));
        results.Add(Name, "slowest service checked alone", Format.Ms(slowest));
        results.Add(Name, "sequential baseline (one service after the other)", Format.Ms(sequentialMs));
        results.Add(Name, "whole catalog at once (status)", Format.Ms(wall));
        results.Add(Name, "at once / slowest alone", Format.Ratio(wall / slowest), $"≤ {Format.Ratio(Goal)}", wall / slowest <= Goal);
        results.Add(Name, "sequential / at once", Format.Ratio(sequentialMs / wall));

        var curl = await CurlBaseline.RunAsync(world, results, Name);
        if (curl is { } curlMs)
        {
            results.Add(Name, "bot at once / curl pipeline", Format.Ratio(wall / curlMs));
        }
    }
}
