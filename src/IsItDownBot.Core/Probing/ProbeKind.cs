namespace IsItDownBot.Core.Probing;

public enum ProbeKind
{
    /// <summary>A resolver asked for the endpoint's A and AAAA records.</summary>
    Dns,

    /// <summary>One of the zone's own name servers asked directly, without recursion.</summary>
    Authoritative,

    Tcp,
    Tls,
    Http,
}
