namespace IsItDownBot.Core.Probing.Routing;

/// <summary>
/// Whether the route collectors still see the prefixes of a service's name servers and of its own servers.
/// Asked only when a failure could be explained by routing: silent name servers, connections that time out.
/// </summary>
/// <param name="Asked">False when nothing called for it, so "nothing withdrawn" is not read as "all routes seen".</param>
public sealed record RoutingEvidence(bool Asked, IReadOnlyList<RouteVisibility> NameServers, IReadOnlyList<RouteVisibility> Servers)
{
    public static readonly RoutingEvidence NotAsked = new(false, [], []);

    /// <summary>
    /// The source answered for more than half of the addresses asked about. Less is too little to say anything of
    /// them all: one "not seen" while seven lookups timed out says nothing of the seven.
    /// </summary>
    public static bool MostlyAnswered(IReadOnlyList<RouteVisibility> routes) =>
        Answered(routes) * 2 > routes.Count;

    /// <summary>The source answered for most addresses asked about, and sees none of those it answered for.</summary>
    public static bool AllWithdrawn(IReadOnlyList<RouteVisibility> routes) =>
        MostlyAnswered(routes) && routes.Where(route => route.State != RouteState.Unknown).All(route => route.State == RouteState.Withdrawn);

    /// <summary>The source answered for most addresses asked about, and sees every one of those it answered for.</summary>
    public static bool AllAnnounced(IReadOnlyList<RouteVisibility> routes) =>
        MostlyAnswered(routes) && routes.Where(route => route.State != RouteState.Unknown).All(route => route.State == RouteState.Announced);

    /// <summary>Addresses the source answered for, whatever it said.</summary>
    public static int Answered(IReadOnlyList<RouteVisibility> routes)
    {
        ArgumentNullException.ThrowIfNull(routes);
        return routes.Count(route => route.State != RouteState.Unknown);
    }

    /// <summary>The source was asked but could not tell for any address (down, slow, or past the deadline).</summary>
    public bool Unanswered => Asked && NameServers.Concat(Servers).Any() && NameServers.Concat(Servers).All(route => route.State == RouteState.Unknown);
}
