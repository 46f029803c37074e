namespace IsItDownBot.Core.Probing.StatusPages;

/// <summary>What a service's official status page says, from its <c>status.indicator</c>.</summary>
public enum StatusPageState
{
    /// <summary>Indicator <c>none</c>: all systems operational.</summary>
    Operational,

    Minor,
    Major,
    Critical,

    /// <summary>Planned maintenance is under way.</summary>
    Maintenance,

    /// <summary>The page could not be fetched, or its answer was not understood: the page says nothing.</summary>
    Unavailable,
}

/// <summary>A component the page does not list as <c>operational</c> ("API", <c>partial_outage</c>).</summary>
public sealed record StatusPageComponent(string Name, string Status);

/// <summary>An unresolved incident: its title, its status (<c>investigating</c>, <c>identified</c>...) and impact.</summary>
public sealed record StatusPageIncident(string Name, string Status, string Impact);

/// <summary>What one fetch of a Statuspage.io page saw.</summary>
/// <param name="Page">The page's root URL, as configured.</param>
/// <param name="Description">The page's own words ("Partial System Outage"); empty when unavailable.</param>
/// <param name="Detail">A short human description of the fetch ("minor: 2 components affected, 1 open incident").</param>
public sealed record StatusPageEvidence(
    Uri Page,
    StatusPageState State,
    string Description,
    IReadOnlyList<StatusPageComponent> Affected,
    IReadOnlyList<StatusPageIncident> Incidents,
    string Detail,
    TimeSpan Latency);
