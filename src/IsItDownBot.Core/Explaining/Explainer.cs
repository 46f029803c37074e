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
        var texts = new CauseTexts(evidence);
        var findings = evidence.Endpoints.Select(endpoint => EndpointFinding.Of(endpoint, evidence.Delegation, slowAfter)).ToList();
        var failing = findings.Where(finding => !finding.Works).ToList();

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
            var verdict = primary.Code == CauseCodes.HttpRateLimited ? Verdict.Degraded : Verdict.Down;
            return new Diagnosis(verdict, texts.For(primary));
        }

        if (failing.Count > 0)
        {
            return new Diagnosis(Verdict.Degraded, texts.Partial(MostCommon(failing), failing, findings.Count));
        }

        if (findings.FirstOrDefault(finding => finding.Code == CauseCodes.Slow) is { } slow)
        {
            return new Diagnosis(Verdict.Degraded, texts.Slow(slow, slowAfter));
        }

        // A resolver that also fails for the control hosts is the bot's own problem, not the service's.
        var brokenForEveryone = evidence.Control.Hosts.SelectMany(host => host.Dns).Where(probe => !probe.Ok).Select(probe => probe.Target).ToHashSet();
        var failedResolvers = evidence.Endpoints
            .SelectMany(endpoint => endpoint.Dns)
            .Where(probe => !probe.Ok && !brokenForEveryone.Contains(probe.Target))
            .ToList();
        if (failedResolvers.Count > 0)
        {
            return new Diagnosis(Verdict.Degraded, texts.ResolverTrouble(failedResolvers));
        }

        // Silent name servers while everything works are not a verdict: the bot cannot tell them from a
        // network that blocks direct DNS. They stay in the evidence.
        return new Diagnosis(findings.Count > 0 ? Verdict.Up : Verdict.Unknown, texts.Up());
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
        CauseCodes.TargetRefused, CauseCodes.DnsAuthoritativeUnreachable, CauseCodes.DnsNxDomain, CauseCodes.DnsServFail,
        CauseCodes.DnsNoAddress, CauseCodes.TcpRefused, CauseCodes.TcpTimeout, CauseCodes.TlsCertificate,
        CauseCodes.TlsHandshake, CauseCodes.HttpServerError, CauseCodes.HttpTimeout, CauseCodes.HttpError,
        CauseCodes.HttpRateLimited,
    ];
}
