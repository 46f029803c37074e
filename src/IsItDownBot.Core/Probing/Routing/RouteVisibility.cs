using System.Net;

namespace IsItDownBot.Core.Probing.Routing;

/// <summary>What the route collectors see of one address.</summary>
/// <param name="Prefix">The covering prefix most peers carry ("129.134.30.0/23"), when any is seen.</param>
/// <param name="Collectors">Route collectors (RIPE RIS RRCs) with at least one peer carrying a covering prefix.</param>
/// <param name="Peers">BGP peers, over all collectors, carrying a covering prefix.</param>
/// <param name="Detail">A short human description ("seen by 312 peers at 21 route collectors").</param>
public sealed record RouteVisibility(
    IPAddress Address,
    RouteState State,
    string? Prefix,
    int Collectors,
    int Peers,
    string Detail,
    TimeSpan Latency);
