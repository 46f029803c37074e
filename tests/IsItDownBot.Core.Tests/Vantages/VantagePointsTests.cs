using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using static IsItDownBot.Core.Tests.Vantages.VantageCorrelationTests;

namespace IsItDownBot.Core.Tests.Vantages;

public sealed class VantagePointsTests
{
    private static readonly IOptions<VantageOptions> EuWest = Options.Create(new VantageOptions { Name = "eu-west" });

    [Fact]
    public async Task Share_LeavesOutAResultFromAClockThatRunsAhead()
    {
        var local = Report(Verdict.Up);
        var time = new FakeTimeProvider(local.CheckedAt);
        var board = new ScriptedBoard
        {
            Others =
            [
                Result("us-east", Verdict.Down) with { CheckedAt = local.CheckedAt.AddMinutes(-1) },
                Result("ap-south", Verdict.Down) with { CheckedAt = local.CheckedAt.AddMinutes(30) },
            ],
        };

        var shared = await new VantagePoints(board, EuWest, time).ShareAsync(local);

        Assert.Equal(["eu-west", "us-east"], shared.Vantages.Select(result => result.Vantage));
    }

    [Fact]
    public async Task Share_WhenTheStoreStopsAnswering_GivesUpAfterAFewSecondsWithTheLocalAnswer()
    {
        var local = Report(Verdict.Down);
        var time = new FakeTimeProvider(local.CheckedAt);
        var board = new ScriptedBoard { Hang = true };

        var sharing = new VantagePoints(board, EuWest, time).ShareAsync(local);
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(sharing.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Same(local, await sharing.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    /// <summary>A board that hands back the results it is given, beside what this vantage records; or never answers.</summary>
    private sealed class ScriptedBoard : IVantageBoard
    {
        private readonly List<VantageResult> _recorded = [];

        public IReadOnlyList<VantageResult> Others { get; init; } = [];

        public bool Hang { get; init; }

        public async Task RecordAsync(VantageResult result, CancellationToken cancellationToken = default)
        {
            if (Hang)
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }

            _recorded.Add(result);
        }

        public Task<IReadOnlyList<VantageResult>> ResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<VantageResult>>([.. _recorded, .. Others.Where(result => result.CheckedAt >= since)]);
    }
}
