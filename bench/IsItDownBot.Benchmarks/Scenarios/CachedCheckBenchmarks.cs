using BenchmarkDotNet.Attributes;
using IsItDownBot.Benchmarks.Worlds;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// <see cref="StatusChecker.CheckAsync"/> on a warm cache, as a crowd asking about a service already probed
/// gets it: alone, as a member of a group (read next to its siblings), and with a cancellable token.
/// </summary>
[MemoryDiagnoser]
public class CachedCheckBenchmarks
{
    private CachedWorld _world = null!;

    // Never cancelled and never disposed: a token that can be cancelled is all the benchmark needs.
    private CancellationToken _cancellable;

    [GlobalSetup]
    public void Setup()
    {
        _world = CachedWorld.StartAsync().GetAwaiter().GetResult();
#pragma warning disable CA2000
        _cancellable = new CancellationTokenSource().Token;
#pragma warning restore CA2000
    }

    [GlobalCleanup]
    public void Cleanup() => _world.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true)]
    public StatusReport Alone() => _world.Checker.CheckAsync(_world.Alone).Result;

    [Benchmark]
    public StatusReport GroupMember() => _world.Checker.CheckAsync(_world.GroupMember).Result;

    [Benchmark]
    public StatusReport WithCancellableToken() => _world.Checker.CheckAsync(_world.GroupMember, _cancellable).Result;
}

/// <summary>A loopback world with a service alone and a group of three, every report already in the cache.</summary>
internal sealed class CachedWorld : IAsyncDisposable
{
    private readonly SlowWorld _world;
    private readonly BotCore _core;

    private CachedWorld(SlowWorld world, BotCore core)
    {
        _world = world;
        _core = core;
        Alone = core.Catalog.Find("solo")!;
        GroupMember = core.Catalog.Find("app")!;
    }

    public StatusChecker Checker => _core.Checker;

    public ServiceDefinition Alone { get; }

    public ServiceDefinition GroupMember { get; }

    public static async Task<CachedWorld> StartAsync()
    {
        var world = await SlowWorld.StartAsync(
            [new("solo", "Solo", null, 1), new("app", "App", "acme", 1), new("chat", "Chat", "acme", 1), new("video", "Video", "acme", 1)],
            SlowWorld.AnswerAfter(TimeSpan.Zero));

        // The longest TTL configuration allows: the cache must stay warm for the whole measurement.
        var core = BotCore.Build(world.Settings, TimeSpan.FromHours(1));
        var cached = new CachedWorld(world, core);
        await cached.Checker.CheckAsync(cached.Alone);
        await cached.Checker.CheckAsync(cached.GroupMember);
        return cached;
    }

    public async ValueTask DisposeAsync()
    {
        await _core.DisposeAsync();
        await _world.DisposeAsync();
    }
}
