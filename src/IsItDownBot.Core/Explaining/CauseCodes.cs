namespace IsItDownBot.Core.Explaining;

/// <summary>The stable cause codes. They appear in JSON output and alerts; never rename one.</summary>
public static class CauseCodes
{
    public const string Ok = "ok";
    public const string LocalNetwork = "local-network";

    /// <summary>The bot's own network cannot reach the only address family the target has (no IPv6 here, say).</summary>
    public const string LocalNoRoute = "local-no-route";
    public const string TargetRefused = "target-refused";
    public const string DnsNxDomain = "dns-nxdomain";
    public const string DnsNoAddress = "dns-no-address";
    public const string DnsServFail = "dns-servfail";
    public const string DnsAuthoritativeUnreachable = "dns-authoritative-unreachable";
    public const string DnsLameDelegation = "dns-lame-delegation";

    /// <summary>
    /// No longer given: name servers out of step still answer, so it is a note, never the cause. Kept so the code
    /// is not given another meaning while stored reports and alerts still carry it.
    /// </summary>
    public const string DnsSerialMismatch = "dns-serial-mismatch";

    public const string DnsResolverSide = "dns-resolver-side";
    public const string DnsResolver = "dns-resolver";
    public const string TcpRefused = "tcp-refused";
    public const string TcpTimeout = "tcp-timeout";
    public const string TlsCertificate = "tls-certificate";

    /// <summary>The server omits its intermediate certificate: browsers cope, some apps and older clients fail.</summary>
    public const string TlsChainIncomplete = "tls-chain-incomplete";
    public const string TlsHandshake = "tls-handshake";
    public const string HttpServerError = "http-server-error";
    public const string HttpRateLimited = "http-rate-limited";
    public const string HttpTimeout = "http-timeout";
    public const string HttpError = "http-error";
    public const string Slow = "slow";
    public const string Partial = "partial";

    /// <summary>Down from fewer vantage points than the quorum: a regional problem, which is not an outage.</summary>
    public const string Regional = "regional";
    public const string StatusPageIncident = "status-page-incident";
}
