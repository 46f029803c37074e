using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>What the parent zone says about a zone, and what each of the zone's name servers answered.</summary>
/// <param name="Zone">The zone found: <c>example.org</c> for a user who typed <c>www.example.org</c>.</param>
/// <param name="NameServers">The delegated server names, as the parent (or the fallback source) gave them.</param>
/// <param name="Addresses">Every address found for those servers (glue or lookups), before the address policy.</param>
/// <param name="ParentLookups">The queries down from the root, and the lookups of server addresses.</param>
/// <param name="Checks">Each server, address and transport asked for the zone's SOA.</param>
public sealed record DelegationEvidence(
    string Zone,
    DelegationStatus Status,
    NameServerSource Source,
    IReadOnlyList<string> NameServers,
    IReadOnlyList<AuthoritativeServer> Addresses,
    IReadOnlyList<ProbeResult> ParentLookups,
    IReadOnlyList<NameServerCheck> Checks)
{
    public static readonly DelegationEvidence NotChecked = new("", DelegationStatus.NotChecked, NameServerSource.None, [], [], [], []);

    /// <summary>Every probe, parent side first, for reports.</summary>
    public IEnumerable<ProbeResult> All => ParentLookups.Concat(Checks.Select(check => check.Result));
}
