namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// What the zone's delegation and its name servers look like. When several apply, the earliest in this list
/// wins: a silent server breaks lookups more than a lame one, and a lame one more than a serial that is still
/// propagating.
/// </summary>
public enum DelegationStatus
{
    /// <summary>Nothing was asked: an IP literal, or no root servers configured and no other source named servers.</summary>
    NotChecked,

    /// <summary>The root or TLD servers did not answer, and no other source named servers: the bot cannot tell.</summary>
    ParentUnreachable,

    /// <summary>The parent zone says the domain does not exist.</summary>
    NotDelegated,

    /// <summary>Not one delegated name server answered, on any address or transport.</summary>
    Unreachable,

    /// <summary>Some name servers are silent while others answer.</summary>
    PartlyUnreachable,

    /// <summary>A name server answers REFUSED, SERVFAIL, or without the AA flag: it does not serve the zone.</summary>
    Lame,

    /// <summary>
    /// Name servers of one provider (the same last two labels) answer authoritatively with different SOA serials.
    /// A note, never a cause: the servers answer, so resolvers do not fail because of it.
    /// </summary>
    SerialMismatch,

    Healthy,
}
