using System.Net;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>One delegated name server asked for the zone's SOA at one address over one transport.</summary>
/// <param name="Serial">The SOA serial of an authoritative answer.</param>
public sealed record NameServerCheck(string Server, IPAddress Address, DnsTransport Transport, ProbeResult Result, uint? Serial)
{
    /// <summary>Something answered with a DNS message, whatever it said.</summary>
    public bool Answered => Result.Outcome is not (ProbeOutcome.Timeout or ProbeOutcome.Unreachable or ProbeOutcome.Blocked or ProbeOutcome.Skipped);

    /// <summary>It answered, but not as a working authority for the zone.</summary>
    public bool Lame => Result.Outcome is ProbeOutcome.DnsRefused or ProbeOutcome.DnsNotAuthoritative or ProbeOutcome.DnsServFail;
}
