using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;

namespace IsItDownBot.Core.Explaining;

/// <summary>What went wrong with one endpoint, if anything: the cause code and the probe that shows it.</summary>
internal sealed record EndpointFinding(EndpointEvidence Evidence, string Code, ProbeResult? Witness)
{
    public bool Works => Code is CauseCodes.Ok or CauseCodes.Slow;

    public string Host => Evidence.Endpoint.IdnHost;

    /// <summary>Reads the endpoint's steps in order and stops at the first one that failed.</summary>
    public static EndpointFinding Of(EndpointEvidence evidence, DelegationEvidence delegation, ControlEvidence control, TimeSpan slowAfter)
    {
        if (evidence.Tcp.FirstOrDefault(probe => probe.Outcome == ProbeOutcome.Blocked) is { } blocked)
        {
            return new(evidence, CauseCodes.TargetRefused, blocked);
        }

        if (evidence.Dns.Count > 0 && !evidence.Dns.Any(probe => probe.Ok))
        {
            return new(evidence, DnsCode(evidence, delegation), evidence.Dns.FirstOrDefault(probe => probe.Outcome != ProbeOutcome.Timeout) ?? evidence.Dns[0]);
        }

        if (!evidence.Connected)
        {
            var failed = evidence.Tcp.Where(probe => probe.Outcome != ProbeOutcome.Skipped).ToList();

            // "Network unreachable" for one family (a machine without IPv6) says nothing about the servers
            // when another address gave a definite answer.
            if (failed.Any(probe => probe.Outcome != ProbeOutcome.Unreachable))
            {
                failed.RemoveAll(probe => probe.Outcome == ProbeOutcome.Unreachable);
            }
            if (failed.Count == 0)
            {
                return new(evidence, CauseCodes.DnsNoAddress, evidence.Dns.Count > 0 ? evidence.Dns[0] : null);
            }

            // Every attempt stopped on the bot's own machine, over a family no control host connected over either
            // (an IPv6-only site, a bot without IPv6): the endpoint was not tested, which is not the same as down.
            if (failed.All(probe => probe.NoRouteFromHere && probe.TcpTarget is { } tried && !control.ConnectsOver(tried.AddressFamily)))
            {
                return new(evidence, CauseCodes.LocalNoRoute, failed[0]);
            }

            var refused = failed.FirstOrDefault(probe => probe.Outcome == ProbeOutcome.ConnectionRefused);
            return refused is not null && failed.All(probe => probe.Outcome == ProbeOutcome.ConnectionRefused)
                ? new(evidence, CauseCodes.TcpRefused, refused)
                : new(evidence, CauseCodes.TcpTimeout, failed[0]);
        }

        if (evidence.Tls is { Ok: false } tls)
        {
            var code = tls.Outcome switch
            {
                ProbeOutcome.CertificateExpired or ProbeOutcome.CertificateNotYetValid
                    or ProbeOutcome.CertificateUntrusted or ProbeOutcome.CertificateNameMismatch => CauseCodes.TlsCertificate,
                ProbeOutcome.CertificateChainIncomplete => CauseCodes.TlsChainIncomplete,
                _ => CauseCodes.TlsHandshake,
            };
            return new(evidence, code, tls);
        }

        if (evidence.Http is not { } http)
        {
            return new(evidence, CauseCodes.HttpError, null);
        }

        return http.Outcome switch
        {
            ProbeOutcome.Ok => new(evidence, http.Latency > slowAfter ? CauseCodes.Slow : CauseCodes.Ok, http),
            ProbeOutcome.HttpServerError => new(evidence, CauseCodes.HttpServerError, http),
            ProbeOutcome.HttpRateLimited => new(evidence, CauseCodes.HttpRateLimited, http),
            ProbeOutcome.Timeout => new(evidence, CauseCodes.HttpTimeout, http),
            _ => new(evidence, CauseCodes.HttpError, http),
        };
    }

    /// <summary>Every resolver failed: the name does not exist, or DNS is broken, and then whose DNS.</summary>
    private static string DnsCode(EndpointEvidence evidence, DelegationEvidence delegation)
    {
        var answered = evidence.Dns.Where(probe => probe.Outcome is not (ProbeOutcome.Timeout or ProbeOutcome.Unreachable)).ToList();
        if (answered.Count > 0 && answered.All(probe => probe.Outcome == ProbeOutcome.DnsNxDomain))
        {
            return CauseCodes.DnsNxDomain;
        }

        if (answered.Count > 0 && answered.All(probe => probe.Outcome == ProbeOutcome.DnsNoAddresses))
        {
            return CauseCodes.DnsNoAddress;
        }

        // The name servers probed are the zone's: they explain a failure only of names inside that zone.
        var zone = delegation.Zone;
        var host = evidence.Endpoint.IdnHost;
        var inZone = zone.Length > 0
            && (host.Equals(zone, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + zone, StringComparison.OrdinalIgnoreCase));
        if (!inZone)
        {
            return CauseCodes.DnsServFail;
        }

        // Asked directly, the zone's own servers say whose DNS is broken: theirs (silent, lame) or the resolvers'
        // (the servers answer, the resolvers still fail: DNSSEC, or the resolvers). Servers out of step still
        // answer, so resolvers do not fail because of it: the serials become a note (DelegationReading).
        return delegation.Status switch
        {
            DelegationStatus.Unreachable => CauseCodes.DnsAuthoritativeUnreachable,
            DelegationStatus.Lame => CauseCodes.DnsLameDelegation,
            DelegationStatus.SerialMismatch or DelegationStatus.Healthy => CauseCodes.DnsResolverSide,
            _ => CauseCodes.DnsServFail,
        };
    }
}
