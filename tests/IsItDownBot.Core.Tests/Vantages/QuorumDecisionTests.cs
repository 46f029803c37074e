using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Options;
using static IsItDownBot.Core.Tests.Vantages.VantageCorrelationTests;

namespace IsItDownBot.Core.Tests.Vantages;

public sealed class QuorumDecisionTests
{
    [Fact]
    public void Decide_WithQuorumOne_AndOneVantage_FollowsItsVerdict()
    {
        Assert.True(QuorumDecision.Decide([Result("local", Verdict.Down)], 1).IsOutage);
        Assert.False(QuorumDecision.Decide([Result("local", Verdict.Up)], 1).IsOutage);
        Assert.False(QuorumDecision.Decide([Result("local", Verdict.Degraded)], 1).IsOutage);
    }

    [Fact]
    public void Decide_WithQuorumTwo_NeedsTwoVantagesSeeingItDown()
    {
        var one = QuorumDecision.Decide([Result("eu-west", Verdict.Down), Result("us-east", Verdict.Up), Result("ap-south", Verdict.Up)], 2);
        var two = QuorumDecision.Decide([Result("eu-west", Verdict.Down), Result("us-east", Verdict.Down), Result("ap-south", Verdict.Up)], 2);

        Assert.False(one.IsOutage);
        Assert.Equal(1, one.Down);
        Assert.True(two.IsOutage);
        Assert.Equal("eu-west", two.Witness?.Vantage);
    }

    [Fact]
    public void Decide_WhenFewerVantagesAreFreshThanTheQuorum_DeclaresNothing()
    {
        Assert.False(QuorumDecision.Decide([Result("eu-west", Verdict.Down)], 2).IsOutage);
        Assert.False(QuorumDecision.Decide([], 1).IsOutage);
    }

    [Fact]
    public void For_AReportWithoutOtherVantages_AndQuorumOne_LeavesItAsItIs()
    {
        var down = Report(Verdict.Down);
        var up = Report(Verdict.Up);

        Assert.Same(down, QuorumDecision.For(down, "local", 1).ApplyTo(down));
        Assert.Same(up, QuorumDecision.For(up, "local", 1).ApplyTo(up));
    }

    [Fact]
    public void ApplyTo_ALocalFailureWithoutQuorum_IsCountedAsDegraded()
    {
        var own = Report(Verdict.Down) with { Vantages = [Result("eu-west", Verdict.Down), Result("us-east", Verdict.Up)] };

        var counted = QuorumDecision.For(own, "eu-west", 2).ApplyTo(own);

        Assert.Equal(Verdict.Degraded, counted.Verdict);
        Assert.Equal(CauseCodes.Regional, counted.Cause.Code);
        Assert.StartsWith("Regional problem — ", counted.Cause.Summary.English, StringComparison.Ordinal);
        Assert.StartsWith("Problème régional — ", counted.Cause.Summary.French, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyTo_AFailureLeftInOneRegionAfterAnOutage_LetsTheTrackerDeclareItBackUp()
    {
        var tracker = new OutageTracker(Options.Create(new MonitorOptions { FailureThreshold = 2, SuccessThreshold = 2 }));
        var own = Report(Verdict.Down) with { Vantages = [Result("eu-west", Verdict.Down), Result("us-east", Verdict.Up), Result("ap-south", Verdict.Up)] };
        var at = own.CheckedAt;
        var down = new ServiceState("facebook", ServiceHealth.Down, 3, 0, OpenIncidentId: 7, DownSince: at.AddHours(-1));
        var counted = QuorumDecision.For(own, "eu-west", 2).ApplyTo(own);

        var (once, _) = tracker.Observe(down, own.Service, counted, at);
        var (_, transition) = tracker.Observe(once, own.Service, counted, at.AddMinutes(1));

        Assert.Equal(TransitionKind.Up, transition?.Kind);
        Assert.Equal(CauseCodes.Regional, transition?.Cause.Code);
    }

    [Fact]
    public void ApplyTo_APartialOutageSeenEverywhere_StaysAnOrdinaryDegradedReport()
    {
        // Degraded for its own reasons (one endpoint failing), not because too few regions see it down.
        var own = Report(Verdict.Degraded) with { Vantages = [Result("eu-west", Verdict.Degraded), Result("us-east", Verdict.Degraded)] };

        var counted = QuorumDecision.For(own, "eu-west", 2).ApplyTo(own);

        Assert.Same(own, counted);
        Assert.NotEqual(CauseCodes.Regional, counted.Cause.Code);
    }

    [Fact]
    public void ApplyTo_AnOutageThisVantageDoesNotSee_IsWordedByAVantageThatSawIt()
    {
        var own = Report(Verdict.Up) with
        {
            Vantages = [Result("ap-south", Verdict.Up), Result("eu-west", Verdict.Down), Result("us-east", Verdict.Down)],
        };

        var counted = QuorumDecision.For(own, "ap-south", 2).ApplyTo(own);

        Assert.Equal(Verdict.Down, counted.Verdict);
        Assert.Equal(CauseCodes.HttpServerError, counted.Cause.Code);
        Assert.Equal("Les serveurs de Facebook répondent 503", counted.Cause.Summary.French);
    }

    [Fact]
    public void ApplyTo_AFailureSeenByFewerVantagesThanTheQuorumCanCount_IsNotCountedEitherWay()
    {
        // Two of three instances make an outage, but only this one has spoken lately: the silent ones might agree.
        var alone = Report(Verdict.Down) with { Vantages = [Result("eu-west", Verdict.Down)] };
        var withAPassingOne = Report(Verdict.Up) with { Vantages = [Result("us-east", Verdict.Up), Result("eu-west", Verdict.Down)] };

        Assert.Equal(Verdict.Unknown, QuorumDecision.For(alone, "eu-west", 2).ApplyTo(alone).Verdict);
        Assert.Equal(Verdict.Unknown, QuorumDecision.For(withAPassingOne, "us-east", 3).ApplyTo(withAPassingOne).Verdict);

        // Nobody sees it down: a passing round whoever is silent.
        var up = Report(Verdict.Up) with { Vantages = [Result("us-east", Verdict.Up)] };
        Assert.Equal(Verdict.Up, QuorumDecision.For(up, "us-east", 2).ApplyTo(up).Verdict);
    }
}
