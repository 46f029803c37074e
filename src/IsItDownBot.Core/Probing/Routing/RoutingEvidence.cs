namespace IsItDownBot.Core.Probing.Routing;

/// <summary>
/// Whether the route collectors still see the prefixes of a service's name servers and of its own servers.
/// Asked only when a failure could be explained by routing: silent name servers, connections that time out.
/// </summary>
/// <param name="Asked">False when nothing called for it, so "nothing withdrawn" is not read as "all routes seen".</param>
public sealed record RoutingEvidence(bool Asked, IReadOnlyList<RouteVisibility> NameServers, IReadOnlyList<RouteVisibility> Servers)
{
    public static readonly RoutingEvidence NotAsked = new(false, [], []);

    /// <summary>Every address asked about is known to be withdrawn (and at least one was asked about).</summary>
    public static bool AllWithdrawn(IReadOnlyList<RouteVisibility> routes) =>
        routes.Any(route => route.State != RouteState.Unknown) && routes.Where(route => route.State != RouteState.Unknown).All(route => route.State == RouteState.Withdrawn);

    public static bool AllAnnounced(IReadOnlyList<RouteVisibility> routes) =>
        routes.Any(route => route.State != RouteState.Unknown) && routes.Where(route => route.State != RouteState.Unknown).All(route => route.State == RouteState.Announced);

    /// <summary>The source was asked but could not tell for any address (down, slow, or past the deadline).</summary>
    public bool Unanswered => Asked && NameServers.Concat(Servers).Any() && NameServers.Concat(Servers).All(route => route.State == RouteState.Unknown);
}
