using IsItDownBot.Replay.Scenarios;

namespace IsItDownBot.Replay;

/// <summary>The scenarios that ship: one small file each under Scenarios/, listed here once.</summary>
public static class ReplayScenarios
{
    public static IReadOnlyList<IReplayScenario> All { get; } =
    [
        new Meta20211004(),
        new ExpiredCertificate(),
        new RegionalResolverFailure(),
        new PartialOutage(),
        new StatusPageIncident(),
        new LameDelegation(),
    ];

    public static IReplayScenario? Find(string id) =>
        All.FirstOrDefault(scenario => string.Equals(scenario.Id, id, StringComparison.OrdinalIgnoreCase));
}
