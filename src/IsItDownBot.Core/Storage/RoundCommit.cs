using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// Everything one monitor round decided, written in one transaction: the services' new states, an incident
/// opened or closed per transition, and the outbox rows that announce them. Either all of it or none.
/// </summary>
public sealed record RoundCommit(
    IReadOnlyList<ServiceState> States,
    IReadOnlyList<Transition> Transitions,
    IReadOnlyList<PlannedAlert> Alerts)
{
    /// <summary>
    /// With several instances: the lease the round was run under. The store writes nothing and throws
    /// <see cref="LeaseLostException"/> unless the lease is still its holder's when the transaction runs.
    /// </summary>
    public LeaseFence? Fence { get; init; }
}
