using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Checking;

/// <summary>
/// Reads one service's report next to its siblings' (Facebook, Instagram, WhatsApp: Meta). A failure they share
/// is one company's problem, not one app's: the answer says so, in the group's words, and is surer of itself.
/// </summary>
public static class GroupCorrelation
{
    /// <summary>The report of <paramref name="own"/>'s service, told in the light of its siblings' reports.</summary>
    public static StatusReport InContext(StatusReport own, IReadOnlyList<StatusReport> siblings, string groupName)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(siblings);
        var name = own.Service.Name;
        var failing = own.Verdict is Verdict.Down or Verdict.Degraded;
        var alike = siblings.Where(sibling => failing && sibling.Verdict == Verdict.Down && Family(sibling.Cause.Code) == Family(own.Cause.Code)).ToList();
        var down = siblings.Where(sibling => sibling.Verdict == Verdict.Down).ToList();
        var up = siblings.Where(sibling => sibling.Verdict == Verdict.Up).ToList();

        if (own.Verdict == Verdict.Down && alike.Count > 0)
        {
            var names = Names(alike);
            var layer = FamilyWords(Family(own.Cause.Code));
            var cause = own.Cause with
            {
                Summary = new($"{groupName}-wide outage — {own.Cause.Summary.English}",
                    $"Panne chez tout {groupName} — {own.Cause.Summary.French}"),
                MemberSummary = own.Cause.SummaryAsMember,
            };
            var note = new Phrase(
                $"{names.English} {(alike.Count == 1 ? "is" : "are")} down too, the same way ({layer.English}): this is a problem across {groupName}, not just {name}.",
                $"{names.French} {(alike.Count == 1 ? "est" : "sont")} aussi en panne, de la même façon ({layer.French}) : le problème touche tout {groupName}, pas seulement {name}.");
            return own with { Cause = cause, Confidence = ConfidenceRating.Raise(own.Confidence), Notes = [note, .. own.Notes] };
        }

        if (failing && down.Count == 0 && up.Count > 0)
        {
            var names = Names(up);
            var note = new Phrase(
                $"{names.English} {(up.Count == 1 ? "works" : "work")}: the problem is limited to {name}.",
                $"{names.French} {(up.Count == 1 ? "fonctionne" : "fonctionnent")} : le problème se limite à {name}.");
            return own with { Notes = [note, .. own.Notes] };
        }

        if (own.Verdict == Verdict.Up && down.Count > 0)
        {
            var names = Names(down);
            var note = new Phrase(
                $"{names.English} {(down.Count == 1 ? "is" : "are")} down, though {name} works from here.",
                $"{names.French} {(down.Count == 1 ? "est" : "sont")} en panne, mais {name} fonctionne d’ici.");
            return own with { Notes = [note, .. own.Notes] };
        }

        return own;
    }

    /// <summary>For a list of reports (the status command): one note per group whose checked members all fail alike.</summary>
    public static IReadOnlyList<Phrase> Notes(IReadOnlyList<StatusReport> reports, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(catalog);
        var notes = new List<Phrase>();
        foreach (var group in reports.Where(report => report.Service.Group is not null).GroupBy(report => report.Service.Group!))
        {
            var members = group.ToList();
            var family = Family(members[0].Cause.Code);

            // The same layer, not the same code: on 4 October 2021 one zone's name servers were known to be
            // silent (dns-authoritative-unreachable) while its siblings' simply failed (dns-servfail).
            var sameFailure = members.Count >= 2
                && members.All(report => report.Verdict == Verdict.Down && Family(report.Cause.Code) == family);
            if (sameFailure)
            {
                var names = Names(members);
                var layer = FamilyWords(family);
                var groupName = catalog.GroupName(group.Key);
                notes.Add(new(
                    $"{names.English} all fail the same way ({layer.English}): this looks like a {groupName}-wide problem, not one app's.",
                    $"{names.French} échouent tous de la même façon ({layer.French}) : cela ressemble à un problème chez tout {groupName}, pas à celui d’une seule application."));
            }
        }

        return notes;
    }

    /// <summary>The layer a cause belongs to: "dns", "tcp", "tls", "http".</summary>
    private static string Family(string code) => code.Split('-')[0];

    private static Phrase FamilyWords(string family) => family switch
    {
        "dns" => new("DNS", "DNS"),
        "tcp" => new("no connection", "pas de connexion"),
        "tls" => new("secure connection", "connexion sécurisée"),
        "http" => new("server errors", "erreurs des serveurs"),
        _ => new(family, family),
    };

    private static Phrase Names(IReadOnlyList<StatusReport> reports)
    {
        var names = reports.Select(report => report.Service.Name).ToList();
        return names.Count switch
        {
            1 => new(names[0], names[0]),
            _ => new($"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}", $"{string.Join(", ", names.Take(names.Count - 1))} et {names[^1]}"),
        };
    }
}
