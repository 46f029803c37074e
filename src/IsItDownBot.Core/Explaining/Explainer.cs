using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Explaining;

/// <summary>
/// Turns a probe round's evidence into a verdict and a cause in plain words. Pure: the same evidence always
/// gives the same answer, so every cause can be tested from recorded evidence as well as from live servers.
/// </summary>
public static class Explainer
{
    public static Diagnosis Explain(ProbeEvidence evidence, TimeSpan slowAfter)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return OutsideEvidence.Apply(evidence, DelegationReading.Apply(evidence, FromProbes(evidence, slowAfter)));
    }

    /// <summary>The verdict from the bot's own probes alone.</summary>
    private static Diagnosis FromProbes(ProbeEvidence evidence, TimeSpan slowAfter)
    {
        var texts = new CauseTexts(evidence);
        var tried = evidence.Endpoints.Select(endpoint => EndpointFinding.Of(endpoint, evidence.Delegation, evidence.Control, slowAfter)).ToList();

        // An endpoint the bot's own network cannot reach at all (IPv6 only, and no IPv6 here) was not tested:
        // it neither works nor fails, and alone it leaves the verdict unknown.
        var untested = tried.Where(finding => finding.Code == CauseCodes.LocalNoRoute).ToList();
        var findings = tried.Where(finding => finding.Code != CauseCodes.LocalNoRoute).ToList();
        if (findings.Count == 0 && untested.Count > 0)
        {
            return new Diagnosis(Verdict.Unknown, evidence.Control.NetworkWorks ? texts.NoRoute(untested[0]) : texts.LocalNetwork());
        }

        var failing = findings.Where(finding => !finding.Works).ToList();

        // The control hosts answering says "it's them, not us": a signal of its own for any bad news.
        var controlVouches = evidence.Control.Hosts.Count > 0 && evidence.Control.NetworkWorks;

        if (findings.Count > 0 && failing.Count == findings.Count)
        {
            if (failing.FirstOrDefault(finding => finding.Code == CauseCodes.TargetRefused) is { } refused)
            {
                return new Diagnosis(Verdict.Unknown, texts.For(refused));
            }

            // Blame the service only when the bot can reach the rest of the internet.
            if (!evidence.Control.NetworkWorks)
            {
                return new Diagnosis(Verdict.Unknown, texts.LocalNetwork());
            }

            var primary = MostCommon(failing);
            // Turning some requests away, or a chain browsers complete themselves: it works for many, not for all.
            var verdict = primary.Code is CauseCodes.HttpRateLimited or CauseCodes.TlsChainIncomplete ? Verdict.Degraded : Verdict.Down;
            var rating = new ConfidenceRating()
                .Agrees()
                .Agrees(Witnesses(primary, failing) >= 2)
                .Agrees(controlVouches)
                .Agrees(DelegationReading.IsDelegationCause(primary.Code));
            return new Diagnosis(verdict, texts.For(primary)) { Confidence = rating.Result };
        }

        if (failing.Count > 0)
        {
            // Parts that fail next to parts that work: both are observed, so the picture is clear.
            var rating = new ConfidenceRating().Agrees().Agrees().Agrees(controlVouches);
            return new Diagnosis(Verdict.Degraded, texts.Partial(MostCommon(failing), failing, findings.Count)) { Confidence = rating.Result };
        }

        if (findings.FirstOrDefault(finding => finding.Code == CauseCodes.Slow) is { } slow)
        {
            var rating = new ConfidenceRating().Agrees().Agrees(findings.Count(finding => finding.Code == CauseCodes.Slow) >= 2);
            return new Diagnosis(Verdict.Degraded, texts.Slow(slow, slowAfter)) { Confidence = rating.Result };
        }

        // A resolver that also fails for the control hosts is the bot's own problem, not the service's.
        var brokenForEveryone = evidence.Control.Hosts.SelectMany(host => host.Dns).Where(probe => !probe.Ok).Select(probe => probe.Target).ToHashSet();
        var failedResolvers = evidence.Endpoints
            .SelectMany(endpoint => endpoint.Dns)
            .Where(probe => !probe.Ok && !brokenForEveryone.Contains(probe.Target))
            .ToList();
        if (failedResolvers.Count > 0)
        {
            // Failing resolvers next to working ones, and the service answering: three observations agree.
            var rating = new ConfidenceRating().Agrees().Agrees().Agrees(findings.Count > 0);
            return new Diagnosis(Verdict.Degraded, texts.ResolverTrouble(failedResolvers)) { Confidence = rating.Result };
        }

        // Silent name servers while everything works are not a verdict: the bot cannot tell them from a
        // network that blocks direct DNS. They stay in the evidence.
        if (findings.Count == 0)
        {
            return new Diagnosis(Verdict.Unknown, texts.Up());
        }

        var upRating = new ConfidenceRating()
            .Agrees()
            .Agrees(evidence.Endpoints.SelectMany(endpoint => endpoint.Dns).Count(probe => probe.Ok) >= 2)
            .Agrees(findings.Count >= 2 || evidence.Endpoints.Any(endpoint => endpoint.Tls is { Ok: true }));
        return new Diagnosis(Verdict.Up, texts.Up()) { Confidence = upRating.Result };
    }

    /// <summary>How many independent witnesses show the primary failure: resolvers for DNS, endpoints or addresses otherwise.</summary>
    private static int Witnesses(EndpointFinding primary, List<EndpointFinding> failing)
    {
        var sameCode = failing.Where(finding => finding.Code == primary.Code).ToList();
        if (primary.Code.StartsWith("dns-", StringComparison.Ordinal))
        {
            return sameCode.SelectMany(finding => finding.Evidence.Dns).Where(probe => !probe.Ok).Select(probe => probe.Target).Distinct().Count();
        }

        // An attempt that never left the bot's machine (no route for its family here) witnesses nothing.
        var addresses = sameCode.SelectMany(finding => finding.Evidence.Tcp).Count(probe => probe.Outcome != ProbeOutcome.Skipped && !probe.NoRouteFromHere);
        return Math.Max(sameCode.Count, addresses);
    }

    /// <summary>The cause most endpoints share; on a tie, the one earliest in the connection (DNS before HTTP).</summary>
    private static EndpointFinding MostCommon(List<EndpointFinding> failing) =>
        failing
            .GroupBy(finding => finding.Code)
            .OrderByDescending(group => group.Count())
            .ThenBy(group => Array.IndexOf(StageOrder, group.Key))
            .First()
            .First();

    private static readonly string[] StageOrder =
    [
        CauseCodes.TargetRefused, CauseCodes.DnsAuthoritativeUnreachable, CauseCodes.DnsLameDelegation,
        CauseCodes.DnsResolverSide, CauseCodes.DnsNxDomain, CauseCodes.DnsServFail,
        CauseCodes.DnsNoAddress, CauseCodes.TcpRefused, CauseCodes.TcpTimeout, CauseCodes.TlsCertificate,
        CauseCodes.TlsHandshake, CauseCodes.TlsChainIncomplete, CauseCodes.HttpServerError, CauseCodes.HttpTimeout, CauseCodes.HttpError,
        CauseCodes.HttpRateLimited,
    ];
}
