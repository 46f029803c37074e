using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Monitoring;

public sealed class OutageTrackerTests
{
    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", [], "meta", "facebook.com", [new Uri("https://www.facebook.com/")], []);
    private static readonly DateTimeOffset Start = new(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);

    private readonly OutageTracker _tracker = new(Options.Create(new MonitorOptions { FailureThreshold = 2, SuccessThreshold = 2 }));

    [Fact]
    public void Observe_OneFailingRound_DeclaresNothing()
    {
        var (state, transition) = _tracker.Observe(ServiceState.Initial("facebook"), Facebook, Report(Verdict.Down), Start);

        Assert.Null(transition);
        Assert.Equal(ServiceHealth.Up, state.Health);
        Assert.Equal(1, state.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_FailuresUpToTheThreshold_DeclaresDownSinceTheFirstFailure()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Down);

        var transition = Assert.Single(states.Transitions);
        Assert.Equal(TransitionKind.Down, transition.Kind);
        Assert.Equal(Start, transition.DownSince);
        Assert.Equal(Start.AddMinutes(1), transition.At);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, transition.Cause.Code);
        Assert.Equal(ServiceHealth.Down, states.Last.Health);
    }

    [Fact]
    public void Observe_AfterAnOutage_DeclaresUpWithTheDuration()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Down, Verdict.Down, Verdict.Up, Verdict.Up);

        Assert.Equal([TransitionKind.Down, TransitionKind.Up], states.Transitions.Select(transition => transition.Kind));
        var up = states.Transitions[1];

        // Down from the first failing round (0) to the first passing one (3), confirmed at 4.
        Assert.Equal(TimeSpan.FromMinutes(3), up.Duration);
        Assert.Equal(ServiceHealth.Up, states.Last.Health);
        Assert.Null(states.Last.DownSince);
    }

    [Fact]
    public void Observe_WhenTheServiceFlaps_DeclaresNothing()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Up, Verdict.Down, Verdict.Up, Verdict.Down, Verdict.Up);

        Assert.Empty(states.Transitions);
        Assert.Equal(ServiceHealth.Up, states.Last.Health);
    }

    [Fact]
    public void Observe_WhenADownServiceFlapsBack_StaysDown()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Down, Verdict.Up, Verdict.Down, Verdict.Up, Verdict.Down);

        Assert.Single(states.Transitions);
        Assert.Equal(ServiceHealth.Down, states.Last.Health);
        Assert.Equal(Start, states.Last.DownSince);
    }

    [Fact]
    public void Observe_WhileTheBotsOwnNetworkIsDown_NeitherCountsNorDeclares()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Unknown, Verdict.Unknown, Verdict.Unknown);

        Assert.Empty(states.Transitions);
        Assert.Equal(1, states.Last.ConsecutiveFailures);
    }

    [Fact]
    public void Observe_WhileUp_ADegradedRoundCountsAsPassing()
    {
        // A slow site between two failures is not an outage: the failure streak starts over.
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Degraded, Verdict.Down, Verdict.Degraded);

        Assert.Empty(states.Transitions);
        Assert.Equal(ServiceHealth.Up, states.Last.Health);
        Assert.Equal(0, states.Last.ConsecutiveFailures);
        Assert.Equal(1, states.Last.ConsecutiveSuccesses);
    }

    [Fact]
    public void Observe_WhileDown_APartialOutageIsNotBackUp()
    {
        // www works again but graph.facebook.com still answers 5xx: neither more outage nor recovery.
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Down, Verdict.Degraded, Verdict.Degraded, Verdict.Degraded);

        var down = Assert.Single(states.Transitions);
        Assert.Equal(TransitionKind.Down, down.Kind);
        Assert.Equal(ServiceHealth.Down, states.Last.Health);
        Assert.Equal(Start, states.Last.DownSince);
        Assert.Equal(0, states.Last.ConsecutiveSuccesses);
    }

    [Fact]
    public void Observe_WhileDown_ADegradedRoundLeavesTheRecoveryStreakAsItIs()
    {
        var states = Run(ServiceState.Initial("facebook"), Verdict.Down, Verdict.Down, Verdict.Up, Verdict.Degraded, Verdict.Up);

        Assert.Equal([TransitionKind.Down, TransitionKind.Up], states.Transitions.Select(transition => transition.Kind));

        // Back from the first working round (2), not from the partial one.
        Assert.Equal(TimeSpan.FromMinutes(2), states.Transitions[1].Duration);
    }

    [Fact]
    public void Observe_WhileDown_ARegionalFailureCountsAsPassing()
    {
        var down = new ServiceState("facebook", ServiceHealth.Down, 5, 0, OpenIncidentId: 42, DownSince: Start);
        var regional = Report(Verdict.Degraded) with { Cause = new Cause(CauseCodes.Regional, new("regional", "régional"), new("regional", "régional")) };

        var (once, first) = _tracker.Observe(down, Facebook, regional, Start.AddMinutes(10));
        var (twice, second) = _tracker.Observe(once, Facebook, regional, Start.AddMinutes(11));

        Assert.Null(first);
        Assert.Equal(TransitionKind.Up, second?.Kind);
        Assert.Equal(42, second?.IncidentId);
        Assert.Equal(ServiceHealth.Up, twice.Health);
    }

    [Fact]
    public void Observe_AnUpTransition_ClosesTheOpenIncident()
    {
        var down = new ServiceState("facebook", ServiceHealth.Down, 5, 0, OpenIncidentId: 42, DownSince: Start);

        var (_, first) = _tracker.Observe(down, Facebook, Report(Verdict.Up), Start.AddHours(6));
        var (state, second) = _tracker.Observe(down with { ConsecutiveFailures = 0, ConsecutiveSuccesses = 1 }, Facebook, Report(Verdict.Up), Start.AddHours(6).AddMinutes(1));

        Assert.Null(first);
        Assert.Equal(42, second!.IncidentId);
        Assert.Null(state.OpenIncidentId);
        Assert.Equal(TimeSpan.FromHours(6) + TimeSpan.FromMinutes(1), second.Duration);
    }

    private (List<Transition> Transitions, ServiceState Last) Run(ServiceState state, params Verdict[] verdicts)
    {
        var transitions = new List<Transition>();
        for (var i = 0; i < verdicts.Length; i++)
        {
            var (next, transition) = _tracker.Observe(state, Facebook, Report(verdicts[i]), Start.AddMinutes(i));
            state = next;
            if (transition is not null)
            {
                transitions.Add(transition);
            }
        }

        return (transitions, state);
    }

    private static StatusReport Report(Verdict verdict)
    {
        var code = verdict switch
        {
            Verdict.Down => CauseCodes.DnsAuthoritativeUnreachable,
            Verdict.Unknown => CauseCodes.LocalNetwork,
            Verdict.Degraded => CauseCodes.Partial,
            _ => CauseCodes.Ok,
        };
        return new StatusReport(Facebook, verdict, new Cause(code, new Phrase(code, code), new Phrase(code, code)), Start, TimeSpan.Zero, []);
    }
}
