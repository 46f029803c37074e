using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;

namespace IsItDownBot.Core.Explaining;

/// <summary>
/// Reads what others say next to what the probes saw: the route collectors (are the addresses still routed?)
/// and the operator's status page (what does it admit?). They sharpen the cause, move the confidence, and
/// become notes; a source that could not be read is said so, never guessed.
/// </summary>
internal static class OutsideEvidence
{
    public static Diagnosis Apply(ProbeEvidence evidence, Diagnosis diagnosis)
    {
        var texts = new OutsideTexts(evidence);
        var notChecked = new List<Phrase>();
        diagnosis = ApplyRouting(evidence, diagnosis, texts, notChecked);
        diagnosis = ApplyStatusPage(evidence, diagnosis, texts, notChecked);
        if (notChecked.Count > 0)
        {
            diagnosis = diagnosis with { Notes = [.. diagnosis.Notes, OutsideTexts.CouldNotCheck(notChecked)] };
        }

        return diagnosis;
    }

    private static Diagnosis ApplyRouting(ProbeEvidence evidence, Diagnosis diagnosis, OutsideTexts texts, List<Phrase> notChecked)
    {
        var routing = evidence.Routing;
        if (!routing.Asked)
        {
            return diagnosis;
        }

        if (routing.Unanswered)
        {
            notChecked.Add(OutsideTexts.RoutingSource);
            return diagnosis;
        }

        return diagnosis.Cause.Code switch
        {
            CauseCodes.DnsAuthoritativeUnreachable => ReadRoutes(diagnosis, routing.NameServers, texts.NameServerRoutesWithdrawn, texts.NameServerRoutesSeen),
            CauseCodes.TcpTimeout => ReadRoutes(diagnosis, routing.Servers, texts.ServerRoutesWithdrawn, texts.ServerRoutesSeen),
            _ => diagnosis,
        };
    }

    /// <summary>
    /// Withdrawn routes rewrite the cause and make the bot surer; routes still seen become a note. Both only when
    /// the source answered for most addresses: otherwise the few answers say nothing of the rest, and the note
    /// says the data was incomplete.
    /// </summary>
    private static Diagnosis ReadRoutes(
        Diagnosis diagnosis,
        IReadOnlyList<RouteVisibility> routes,
        Func<Cause, IReadOnlyList<RouteVisibility>, Cause> withdrawn,
        Func<IReadOnlyList<RouteVisibility>, Phrase> seen)
    {
        if (routes.Count == 0)
        {
            return diagnosis;
        }

        if (!RoutingEvidence.MostlyAnswered(routes))
        {
            return diagnosis with { Notes = [.. diagnosis.Notes, OutsideTexts.RoutingIncomplete(routes)] };
        }

        if (RoutingEvidence.AllWithdrawn(routes))
        {
            return diagnosis with { Cause = withdrawn(diagnosis.Cause, routes), Confidence = ConfidenceRating.Raise(diagnosis.Confidence) };
        }

        return RoutingEvidence.AllAnnounced(routes) ? diagnosis with { Notes = [.. diagnosis.Notes, seen(routes)] } : diagnosis;
    }

    private static Diagnosis ApplyStatusPage(ProbeEvidence evidence, Diagnosis diagnosis, OutsideTexts texts, List<Phrase> notChecked)
    {
        if (evidence.StatusPage is not { } page)
        {
            return diagnosis;
        }

        if (page.State == StatusPageState.Unavailable)
        {
            notChecked.Add(texts.StatusPageSource);
            return diagnosis;
        }

        var failing = diagnosis.Verdict is Verdict.Down or Verdict.Degraded;
        var admits = page.State != StatusPageState.Operational;
        return (failing, admits, diagnosis.Verdict) switch
        {
            // The operator agrees: a second, independent voice.
            (true, true, _) => diagnosis with
            {
                Confidence = ConfidenceRating.Raise(diagnosis.Confidence),
                Notes = [.. diagnosis.Notes, texts.StatusPageAdmits(page)],
            },

            // Status pages are updated by people, often late: a disagreement is worth saying, not a reason to doubt the probes.
            (true, false, _) => diagnosis with { Notes = [.. diagnosis.Notes, texts.StatusPageDenies(diagnosis.Cause)] },

            // The operator knows its own service: a major outage it admits is news even when the probes pass.
            (false, true, Verdict.Up) when page.State is StatusPageState.Major or StatusPageState.Critical => new Diagnosis(Verdict.Degraded, texts.IncidentWhileProbesPass(page))
            {
                Confidence = Confidence.Medium,
                Notes = [.. diagnosis.Notes],
            },
            (false, true, Verdict.Up) => diagnosis with
            {
                Confidence = ConfidenceRating.Lower(diagnosis.Confidence),
                Notes = [.. diagnosis.Notes, texts.StatusPageAdmitsWhileUp(page)],
            },
            _ => diagnosis,
        };
    }
}
