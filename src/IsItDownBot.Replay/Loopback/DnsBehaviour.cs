namespace IsItDownBot.Replay.Loopback;

/// <summary>How a <see cref="LoopbackDnsServer"/> treats a query.</summary>
public enum DnsBehaviour
{
    /// <summary>NOERROR with whatever records were configured (none is a valid NODATA answer).</summary>
    Answer,
    NxDomain,
    ServFail,
    Refused,

    /// <summary>Receive the query and never answer, like a name server whose routes were withdrawn.</summary>
    Silent,
}
