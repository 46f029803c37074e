using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Monitoring;

public enum TransitionKind
{
    Down,
    Up,
}

/// <summary>The monitor declared a service down, or back up.</summary>
/// <param name="Cause">Why, from the report of the round that crossed the threshold.</param>
/// <param name="DownSince">When the outage was declared: for Up, the start of the outage that ends.</param>
/// <param name="IncidentId">For Up, the incident it closes. For Down, none yet: the store opens it.</param>
public sealed record Transition(
    ServiceDefinition Service,
    TransitionKind Kind,
    DateTimeOffset At,
    Cause Cause,
    DateTimeOffset DownSince,
    long? IncidentId = null)
{
    /// <summary>How long the service was down, for Up.</summary>
    public TimeSpan? Duration => Kind == TransitionKind.Up ? At - DownSince : null;
}
