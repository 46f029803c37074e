using System.Diagnostics;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using IsItDownBot.Benchmarks.Harness;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Scenario 3: answers from the cache. Throughput with one asking thread per core (a crowd on a 2-core machine),
/// then BenchmarkDotNet's time and allocations per answer.
/// </summary>
internal static class CachedScenario
{
    public const string Name = "3. Cached answers";
    private const double Goal = 1_000_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(3);

    public static async Task RunAsync(Results results)
    {
        await using (var world = await CachedWorld.StartAsync())
        {
            foreach (var (label, service) in new[] { ("alone", world.Alone), ("group member", world.GroupMember) })
            {
                var perSecond = Throughput(world, service);
                results.Add(Name, $"answers/s on {Environment.ProcessorCount} threads, {label}", Format.Count(perSecond), "> 1,000,000", perSecond > Goal);
            }
        }

        // In process: the benchmark needs the loopback world of this process, and building a separate project
        // would take longer than the measurement itself.
        var config = ManualConfig.CreateEmpty()
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumnProvider(DefaultConfig.Instance.GetColumnProviders().ToArray())
            .AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .AddLogger(ConsoleLogger.Default)
            .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "isitdown-bdn"))
            .WithOptions(ConfigOptions.DisableLogFile);
        var summary = BenchmarkRunner.Run<CachedCheckBenchmarks>(config);
        foreach (var report in summary.Reports)
        {
            var method = report.BenchmarkCase.Descriptor.WorkloadMethod.Name;
            var mean = report.ResultStatistics?.Mean ?? double.NaN;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
            results.Add(Name, $"BenchmarkDotNet {method}: time per answer (1 thread)", Format.Number(mean, "0.0") + " ns");
            results.Add(Name, $"BenchmarkDotNet {method}: allocated per answer", $"{allocated} B", "0 B (the reply is the cached report)", allocated == 0);
        }
    }

    /// <summary>One thread per core asking in a loop for <see cref="Duration"/>; answers per second, all threads together.</summary>
    private static double Throughput(CachedWorld world, Core.Catalog.ServiceDefinition service)
    {
        var threads = Environment.ProcessorCount;
        var counts = new long[threads];
        var stop = 0;
        using var start = new Barrier(threads + 1);
        var workers = Enumerable.Range(0, threads).Select(index => new Thread(() =>
        {
            start.SignalAndWait();
            long count = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                for (var i = 0; i < 1000; i++)
                {
                    _ = world.Checker.CheckAsync(service).Result;
                }

                count += 1000;
            }

            counts[index] = count;
        })).ToList();
        workers.ForEach(worker => worker.Start());
        start.SignalAndWait();
        var started = Stopwatch.GetTimestamp();
        Thread.Sleep(Duration);
        Volatile.Write(ref stop, 1);
        workers.ForEach(worker => worker.Join());
        return counts.Sum() / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
