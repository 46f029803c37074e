using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Rendering;

/// <summary>
/// A report's evidence in a few lines a person reads at a glance, for any platform: per endpoint host and layer,
/// probes with the same outcome collapse into "2 of 2 resolvers: SERVFAIL"; the zone's name servers are counted by
/// server, with the transports that failed alike; the control hosts become one line. No latency, port or address
/// shows: they change from one round to the next and belong to the full table.
/// </summary>
public static class EvidenceSummary
{
    public static IReadOnlyList<EvidenceLine> Summarise(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var endpoints = report.Service.Endpoints.Select(endpoint => endpoint.ToString()).ToHashSet(StringComparer.Ordinal);

        // Steps that never ran say nothing the failure before them did not say already.
        var probes = report.Probes.Where(probe => probe.Outcome != ProbeOutcome.Skipped).ToList();
        var lines = new List<EvidenceLine>();
        foreach (var endpoint in probes.Where(probe => probe.Kind != ProbeKind.Authoritative && endpoints.Contains(probe.Endpoint)).GroupBy(probe => probe.Endpoint))
        {
            var host = Subject(endpoint.Key);
            if (endpoint.All(probe => probe.Ok))
            {
                // A healthy endpoint is one line: four lines of "fine" per endpoint would push the verdict off screen.
                lines.Add(new(host, EvidenceWords.AllFine([.. endpoint])));
                continue;
            }

            AddCounted(lines, host, [.. endpoint.Where(probe => probe.Kind == ProbeKind.Dns)], EvidenceWords.Resolvers);
            AddCounted(lines, host, [.. endpoint.Where(probe => probe.Kind == ProbeKind.Tcp)], EvidenceWords.Addresses);
            AddSingle(lines, host, EvidenceWords.Tls, endpoint.Where(probe => probe.Kind == ProbeKind.Tls));
            AddSingle(lines, host, EvidenceWords.Http, endpoint.Where(probe => probe.Kind == ProbeKind.Http));
        }

        var authoritative = probes.Where(probe => probe.Kind == ProbeKind.Authoritative).ToList();
        var checks = authoritative.Where(probe => TransportOf(probe) is not null).ToList();
        // The zone the delegation walk found ("example.org" for a user's "www.example.org"), else the catalog's.
        var zoneName = checks.FirstOrDefault()?.Endpoint ?? report.Service.Zone;
        var zone = new Phrase(zoneName, zoneName);
        AddCounted(lines, zone, [.. authoritative.Where(probe => TransportOf(probe) is null)], EvidenceWords.RootLookups);
        AddNameServers(lines, zone, checks);

        var control = probes.Where(probe => probe.Kind != ProbeKind.Authoritative && !endpoints.Contains(probe.Endpoint)).GroupBy(probe => probe.Endpoint).ToList();
        if (control.Count > 0)
        {
            lines.Add(new(EvidenceWords.ControlHosts, EvidenceWords.Reachable(control.Count(Reached), control.Count)));
        }

        return lines;
    }

    /// <summary>Probes of one kind: one outcome is "2 of 2 resolvers: SERVFAIL"; several are counted, the most common first.</summary>
    private static void AddCounted(List<EvidenceLine> lines, Phrase subject, IReadOnlyList<ProbeResult> probes, EvidenceWords.Noun noun) =>
        AddCounted(lines, subject, [.. probes.Select(EvidenceWords.Outcome)], noun);

    private static void AddCounted(List<EvidenceLine> lines, Phrase subject, IReadOnlyList<Phrase> outcomes, EvidenceWords.Noun noun)
    {
        if (outcomes.Count == 0)
        {
            return;
        }

        var groups = outcomes.GroupBy(outcome => outcome).OrderByDescending(group => group.Count()).ToList();
        var parts = groups.Select((group, index) => EvidenceWords.Said(
            index == 0 ? EvidenceWords.Count(group.Count(), outcomes.Count, noun) : EvidenceWords.Count(group.Count(), outcomes.Count),
            group.Key));
        lines.Add(new(subject, Phrase.Join("; ", parts)));
    }

    private static void AddSingle(List<EvidenceLine> lines, Phrase subject, Phrase layer, IEnumerable<ProbeResult> probes)
    {
        foreach (var probe in probes)
        {
            lines.Add(new(subject, EvidenceWords.Said(layer, EvidenceWords.Outcome(probe))));
        }
    }

    /// <summary>
    /// Each name server once, whatever its addresses and transports: "no answer (UDP and TCP)" when they all failed
    /// alike, each outcome with its transports otherwise.
    /// </summary>
    private static void AddNameServers(List<EvidenceLine> lines, Phrase zone, IReadOnlyList<ProbeResult> checks)
    {
        var servers = checks.GroupBy(ServerName, StringComparer.OrdinalIgnoreCase).Select(server =>
            Phrase.Join(", ", server
                .GroupBy(EvidenceWords.Outcome)
                .Select(outcome => EvidenceWords.Over(outcome.Key, [.. outcome.Select(TransportOf).Distinct().OfType<string>()]))));
        AddCounted(lines, zone, [.. servers], EvidenceWords.NameServers);
    }

    /// <summary>The transport a name server check names at its end ("… UDP"); none for a lookup down from the root.</summary>
    private static string? TransportOf(ProbeResult probe) => Enum.GetValues<DnsTransport>()
        .Select(transport => transport.ToString().ToUpperInvariant())
        .FirstOrDefault(transport => probe.Target.EndsWith(" " + transport, StringComparison.Ordinal));

    /// <summary>"a.ns.facebook.com" from "a.ns.facebook.com (129.134.30.12) UDP".</summary>
    private static string ServerName(ProbeResult probe)
    {
        var space = probe.Target.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? probe.Target : probe.Target[..space];
    }

    /// <summary>As the bot's network check counts a control host: it answered over HTTP, on a valid certificate.</summary>
    private static bool Reached(IEnumerable<ProbeResult> host) =>
        host.Any(probe => probe.Kind == ProbeKind.Http && probe.Outcome is ProbeOutcome.Ok or ProbeOutcome.HttpServerError or ProbeOutcome.HttpRateLimited)
        && !host.Any(probe => probe.Kind == ProbeKind.Tls && !probe.Ok);

    /// <summary>The host alone: the port and path add nothing to a summary, and a test's ports change every run.</summary>
    private static Phrase Subject(string endpoint)
    {
        var host = Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Host : endpoint;
        return new(host, host);
    }
}
