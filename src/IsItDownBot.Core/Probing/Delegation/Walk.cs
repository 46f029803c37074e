using DnsClient;

namespace IsItDownBot.Core.Probing.Delegation;

internal enum WalkEnd
{
    /// <summary>The zone that holds the name, and the parent's referral to it, were found.</summary>
    Found,

    /// <summary>The root or a TLD answered that the name does not exist (or is not delegated).</summary>
    NotDelegated,

    /// <summary>No answer from the root or a TLD: the bot cannot tell.</summary>
    ParentUnreachable,
}

/// <summary>Where a walk down from the root ended.</summary>
/// <param name="Servers">The addresses found for the delegation's servers (all of them: the policy is applied when asking).</param>
/// <param name="Answer">The zone's own authoritative answer, when the walk had to ask the zone itself.</param>
internal sealed record Walk(
    WalkEnd End,
    string Zone,
    Referral? Delegation,
    IReadOnlyList<ServerAddress> Servers,
    IDnsQueryResponse? Answer,
    IReadOnlyList<ProbeResult> Lookups)
{
    public static Walk Found(Referral delegation, IReadOnlyList<ServerAddress> servers, IDnsQueryResponse? answer, IReadOnlyList<ProbeResult> lookups) =>
        new(WalkEnd.Found, delegation.Zone, delegation, servers, answer, lookups);

    public static Walk NotDelegated(string name, IReadOnlyList<ProbeResult> lookups) =>
        new(WalkEnd.NotDelegated, name, null, [], null, lookups);

    public static Walk ParentUnreachable(string name, IReadOnlyList<ProbeResult> lookups) =>
        new(WalkEnd.ParentUnreachable, name, null, [], null, lookups);
}
