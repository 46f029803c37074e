namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// How far one walk from the root may go. A user's domain is hostile until shown otherwise: its delegation may
/// name glue-less servers in other zones its owner controls, delegated the same way, so that following every
/// one multiplies one question into thousands of queries. A catalog zone is configured by the operator.
/// </summary>
/// <param name="Queries">Queries the whole walk may send: its levels, nested walks and resolver lookups together.</param>
/// <param name="GluelessLookups">Glue-less servers of one referral whose addresses are looked up.</param>
/// <param name="LookupDepth">How deep walks for glue-less servers' addresses may nest before the resolvers are asked instead.</param>
internal sealed record WalkLimits(int Queries, int GluelessLookups, int LookupDepth)
{
    /// <summary>
    /// A real chain needs a dozen queries or so (three levels, a lookup or two); the rest is headroom for silent
    /// servers. Two working servers already show a delegation, and a server of a server's zone without glue is
    /// asked of the resolvers rather than walked.
    /// </summary>
    public static WalkLimits User { get; } = new(Queries: 64, GluelessLookups: 2, LookupDepth: 1);

    /// <summary>Trusted configuration: every server is looked up; the budget only stops a configuration mistake.</summary>
    public static WalkLimits Catalog { get; } = new(Queries: 256, GluelessLookups: DelegationLimits.MaxServers, LookupDepth: 2);

    public static WalkLimits For(bool userSupplied) => userSupplied ? User : Catalog;
}
