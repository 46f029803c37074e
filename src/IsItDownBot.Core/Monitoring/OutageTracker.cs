using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Monitoring;

/// <summary>
/// Decides when a service is down or back, from consecutive rounds: one bad round is a blip, not an outage,
/// and a service that flaps between rounds alerts nobody until it settles. Pure: state in, state out.
/// </summary>
public sealed class OutageTracker
{
    private readonly int _failureThreshold;
    private readonly int _successThreshold;

    public OutageTracker(IOptions<MonitorOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _failureThreshold = options.Value.FailureThreshold;
        _successThreshold = options.Value.SuccessThreshold;
    }

    /// <summary>The service's next state after one round's report, and the transition it crossed, if any.</summary>
    public (ServiceState State, Transition? Transition) Observe(ServiceState state, ServiceDefinition service, StatusReport report, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(report);

        // While the bot's own network is down it knows nothing about anyone: declare nothing, count nothing.
        if (report.Cause.Code == CauseCodes.LocalNetwork || report.Verdict == Verdict.Unknown)
        {
            return (state, null);
        }

        if (report.Verdict == Verdict.Down)
        {
            var failing = state with
            {
                ConsecutiveFailures = state.ConsecutiveFailures + 1,
                ConsecutiveSuccesses = 0,

                // "Down since" is the first failing round of the streak, not the round that crossed the threshold.
                DownSince = state.Health == ServiceHealth.Down || state.ConsecutiveFailures > 0 ? state.DownSince ?? at : at,
                UpSince = null,
            };
            if (state.Health == ServiceHealth.Up && failing.ConsecutiveFailures >= _failureThreshold)
            {
                var down = failing with { Health = ServiceHealth.Down };
                return (down, new Transition(service, TransitionKind.Down, at, report.Cause, down.DownSince!.Value));
            }

            return (failing, null);
        }

        // A down service is back only when it works: a partial or slow answer (www up, the API still failing) is
        // neither more outage nor recovery, so it leaves the streaks as they are. A failure that only a minority of
        // vantage points see is the exception: the service works from most places, which is what recovery means.
        if (state.Health == ServiceHealth.Down && report.Verdict == Verdict.Degraded && report.Cause.Code != CauseCodes.Regional)
        {
            return (state, null);
        }

        var passing = state with
        {
            ConsecutiveSuccesses = state.ConsecutiveSuccesses + 1,
            ConsecutiveFailures = 0,

            // A streak of failures that never reached the threshold is forgotten.
            DownSince = state.Health == ServiceHealth.Down ? state.DownSince : null,

            // Symmetric with DownSince: the outage ends at the first passing round, once confirmed.
            UpSince = state.Health == ServiceHealth.Down ? (state.ConsecutiveSuccesses > 0 ? state.UpSince ?? at : at) : null,
        };
        if (state.Health == ServiceHealth.Down && passing.ConsecutiveSuccesses >= _successThreshold)
        {
            var up = passing with { Health = ServiceHealth.Up, DownSince = null, UpSince = null, OpenIncidentId = null };
            var since = state.DownSince ?? at;
            return (up, new Transition(service, TransitionKind.Up, passing.UpSince ?? at, report.Cause, since, state.OpenIncidentId));
        }

        return (passing, null);
    }
}
