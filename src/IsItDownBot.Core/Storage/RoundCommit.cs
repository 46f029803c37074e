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
    IReadOnlyList<PlannedAlert> Alerts);
