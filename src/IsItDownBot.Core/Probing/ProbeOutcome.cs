namespace IsItDownBot.Core.Probing;

/// <summary>What a probe saw. A failed probe is data: the explanation is built from these values.</summary>
public enum ProbeOutcome
{
    Ok,

    /// <summary>No answer before the deadline.</summary>
    Timeout,

    /// <summary>Not run: an earlier step of the same endpoint failed, or the deadline had passed.</summary>
    Skipped,

    /// <summary>Not run: the target leads to an address the bot may not probe for a user.</summary>
    Blocked,

    DnsNxDomain,
    DnsServFail,
    DnsRefused,

    /// <summary>The name exists but has no A or AAAA record.</summary>
    DnsNoAddresses,

    /// <summary>A name server answered without the authoritative flag: a lame delegation.</summary>
    DnsNotAuthoritative,

    /// <summary>Another response code, a malformed answer, or an error sending the query.</summary>
    DnsError,

    ConnectionRefused,

    /// <summary>The network reports the address unreachable, or the connection broke.</summary>
    Unreachable,

    CertificateExpired,
    CertificateNotYetValid,
    CertificateUntrusted,
    CertificateNameMismatch,

    /// <summary>
    /// The server does not send its intermediate certificate: browsers fetch it and work, other clients fail.
    /// </summary>
    CertificateChainIncomplete,
    TlsHandshakeFailed,

    /// <summary>The server answered 5xx.</summary>
    HttpServerError,

    /// <summary>The server answered 429.</summary>
    HttpRateLimited,

    /// <summary>The connection broke or the answer was not HTTP.</summary>
    HttpProtocolError,
}
