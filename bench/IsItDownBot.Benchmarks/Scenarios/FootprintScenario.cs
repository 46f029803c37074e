using System.Diagnostics;
using System.Globalization;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Scenario 5: the resident memory of <c>run</c> (the Release executable, no token: monitor and log sink) with
/// 100,000 subscriptions to the synthetic catalog while the monitor runs its rounds; and how long <c>check</c>
/// takes from process start to its answer.
/// </summary>
internal static class FootprintScenario
{
    public const string Name = "5. Footprint";
    private const int Subscriptions = 100_000;
    private const int ServicesPerChannel = 2;
    private const long Goal = 150L * 1024 * 1024;
    private const int CheckRuns = 15;
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Watched = TimeSpan.FromSeconds(14);

    public static async Task RunAsync(Results results)
    {
        await MeasureRunAsync(results);
        await MeasureCheckAsync(results);
    }

    private static async Task MeasureRunAsync(Results results)
    {
        var shapes = ServiceShape.Shipped();
        await using var world = await SlowWorld.StartAsync(shapes, SlowWorld.AnswerAfter(TimeSpan.FromMilliseconds(200)));
        using var database = await BenchDatabase.CreateAsync();

        // Half Telegram chats, half Discord channels, each following two services: every catalog service is watched.
        var channels = Subscriptions / ServicesPerChannel;
        database.Subscribe(Enumerable.Range(0, channels).SelectMany(i => Enumerable.Range(0, ServicesPerChannel).Select(k => (
            i % 2 == 0 ? "telegram" : "discord",
            (1_000_000 + i).ToString(CultureInfo.InvariantCulture),
            shapes[(i + k) % shapes.Count].Id))));

        world.Settings["IsItDown:Storage:Path"] = database.Path;
        world.Settings["IsItDown:Monitor:Interval"] = Interval.ToString("c");
        world.Settings["IsItDown:Monitor:Jitter"] = "0";

        // Shorter than the interval, as in production (30 s and 1 min): every round probes instead of reading the cache.
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:01";
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["Serilog:MinimumLevel:Default"] = "Warning";
        var config = BotProcess.WriteConfig(world.World.ToJson());
        try
        {
            using var bot = BotProcess.Start("run", "--config", config);
            var requestsBefore = world.EndpointRequests;
            var samples = new List<long>();
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < Watched)
            {
                await Task.Delay(500);
                samples.Add(bot.Memory().Resident);
            }

            var (resident, peak) = bot.Memory();
            var rounds = (world.EndpointRequests - requestsBefore) / (double)world.Endpoints.Count;
            await bot.StopAsync(TimeSpan.FromSeconds(30));

            results.Add(Name, "subscriptions / channels / services watched", $"{Format.Count(Subscriptions)} / {Format.Count(channels)} / {shapes.Count}");
            results.Add(Name, "monitor rounds while watched", Format.Number(rounds, "0.0") + $" in {Watched.TotalSeconds:0} s");
            results.Add(Name, "run: resident memory (VmRSS) at the end", Format.Mb(resident), "< 150 MB", resident < Goal);
            results.Add(Name, "run: highest VmRSS sampled / peak (VmHWM)", $"{Format.Mb(samples.Max())} / {Format.Mb(peak)}", "< 150 MB", peak < Goal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static async Task MeasureCheckAsync(Results results)
    {
        // The tool and the image ship the ReadyToRun publish; the plain build is measured beside it for comparison.
        var readyToRun = await ReadyToRun.PublishAsync();
        await using var world = await SlowWorld.StartAsync([new ServiceShape("instant", "Instant", null, 1)], SlowWorld.AnswerAfter(TimeSpan.Zero));
        var config = BotProcess.WriteConfig(world.World.ToJson());
        try
        {
            // The first run of each warms the file cache and is not counted; the two alternate, so that the load
            // of a shared machine falls on both alike.
            var builds = new (string Label, string Executable, List<double> Times, List<int> ExitCodes)[]
            {
                ("ReadyToRun publish", readyToRun, [], []),
                ("JIT build", Repository.Executable, [], []),
            };
            for (var run = 0; run <= CheckRuns; run++)
            {
                foreach (var (_, executable, times, exitCodes) in builds)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var check = BotProcess.StartExecutable(executable, "check", "instant", "--config", config);
                    exitCodes.Add(await check.WaitForExitAsync());
                    if (run > 0)
                    {
                        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }

            foreach (var (label, _, times, exitCodes) in builds)
            {
                results.Add(Name, $"check start-up, {label}: process start to answer (median of {CheckRuns}, endpoint answering at once)", Format.Ms(Format.Median(times)));
                results.Add(Name, $"check, {label}: fastest / slowest run", $"{Format.Ms(times.Min())} / {Format.Ms(times.Max())}");
                results.Add(Name, $"check, {label}: exit codes", string.Join(", ", exitCodes.Distinct()), "0 (up)", exitCodes.All(code => code == 0));
            }
        }
        finally
        {
            File.Delete(config);
        }
    }
}

