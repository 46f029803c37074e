using IsItDownBot.Core.Checking;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Checking;

public sealed class SingleFlightCacheTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task GetOrStart_WhenManyCallersAskAtOnce_RunsTheComputationOnce()
    {
        var cache = new SingleFlightCache<int>(_time, TimeSpan.FromSeconds(30));
        var gate = new TaskCompletionSource<int>();
        var starts = 0;

        var waiters = Enumerable.Range(0, 1000)
            .Select(_ => cache.GetOrStartAsync("facebook", () => { Interlocked.Increment(ref starts); return gate.Task; }))
            .ToList();
        gate.SetResult(42);
        var results = await Task.WhenAll(waiters);

        Assert.Equal(1, starts);
        Assert.All(results, result => Assert.Equal(42, result));
    }

    [Fact]
    public async Task GetOrStart_AfterTheTtl_ComputesAgain()
    {
        var cache = new SingleFlightCache<int>(_time, TimeSpan.FromSeconds(30));
        var starts = 0;
        Task<int> Start() => Task.FromResult(Interlocked.Increment(ref starts));

        var first = await cache.GetOrStartAsync("x", Start);
        _time.Advance(TimeSpan.FromSeconds(29));
        var cached = await cache.GetOrStartAsync("x", Start);
        _time.Advance(TimeSpan.FromSeconds(2));
        var fresh = await cache.GetOrStartAsync("x", Start);

        Assert.Equal((1, 1, 2), (first, cached, fresh));
    }

    [Fact]
    public async Task GetOrStart_WhenTheComputationFails_DoesNotCacheTheFailure()
    {
        var cache = new SingleFlightCache<int>(_time, TimeSpan.FromSeconds(30));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetOrStartAsync("x", () => throw new InvalidOperationException()));
        var value = await cache.GetOrStartAsync("x", () => Task.FromResult(7));

        Assert.Equal(7, value);
    }

    [Fact]
    public async Task GetOrStart_WithManyOneOffKeys_SweepsExpiredEntries()
    {
        var cache = new SingleFlightCache<int>(_time, TimeSpan.FromSeconds(1));
        for (var i = 0; i < 1000; i++)
        {
            await cache.GetOrStartAsync($"domain{i}.example", () => Task.FromResult(0));
        }

        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 300; i++)
        {
            await cache.GetOrStartAsync($"other{i}.example", () => Task.FromResult(0));
        }

        Assert.True(cache.Count <= 300, $"expected the 1000 expired keys to be swept, {cache.Count} remain");
    }
}
