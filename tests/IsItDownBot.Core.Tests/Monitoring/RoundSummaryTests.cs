using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Tests.Monitoring;

public sealed class RoundSummaryTests
{
    [Fact]
    public void ToString_WhenOneIsDownAndOneDegraded_CountsEachVerdictAndNamesTheWorstFirst()
    {
        var outcomes = Enumerable.Range(1, 20).Select(i => Up($"service{i:00}"))
            .Append(new RoundOutcome("github", Verdict.Degraded, "slow"))
            .Append(new RoundOutcome("facebook", Verdict.Down, "dns-authoritative-unreachable"))
            .ToList();

        var line = new RoundSummary(12, outcomes).ToString();

        Assert.Equal(
            "Round 12: 22 services, 20 up, 1 degraded, 1 down; facebook down (dns-authoritative-unreachable), github degraded (slow)",
            line);
    }

    [Fact]
    public void ToString_WhenAllAreUp_SaysOnlyTheCount()
    {
        var line = new RoundSummary(1, [Up("facebook"), Up("github")]).ToString();

        Assert.Equal("Round 1: 2 services, 2 up", line);
    }

    [Fact]
    public void ToString_WhenOneServiceIsWatched_SaysServiceInTheSingular()
    {
        var line = new RoundSummary(3, [new RoundOutcome("flaky", Verdict.Unknown, "bot-network")]).ToString();

        Assert.Equal("Round 3: 1 service, 0 up, 1 unknown; flaky unknown (bot-network)", line);
    }

    [Fact]
    public void ToString_WhenMoreThanFiveAreNotUp_NamesFiveAndCountsTheRest()
    {
        var outcomes = new[] { "h", "g", "f", "e", "d", "c", "b", "a" }
            .Select(id => new RoundOutcome(id, Verdict.Down, "http-server-error"))
            .Append(Up("z"))
            .ToList();

        var line = new RoundSummary(7, outcomes).ToString();

        Assert.Equal(
            "Round 7: 9 services, 1 up, 8 down; a down (http-server-error), b down (http-server-error), c down (http-server-error), "
            + "d down (http-server-error), e down (http-server-error) and 3 more",
            line);
    }

    [Fact]
    public void ToString_WhenNothingIsWatched_SaysSoAndWhy()
    {
        var line = new RoundSummary(2, []).ToString();

        Assert.Equal("Round 2: no service watched (nobody subscribed, IsItDown:Monitor:AlwaysWatch empty)", line);
    }

    private static RoundOutcome Up(string id) => new(id, Verdict.Up, CauseCodes.Ok);
}
