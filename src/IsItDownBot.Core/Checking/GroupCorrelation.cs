using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Checking;

/// <summary>Notices when every checked service of a group fails the same way: one company's problem, not one app's.</summary>
public static class GroupCorrelation
{
    public static IReadOnlyList<string> Notes(IReadOnlyList<StatusReport> reports, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(catalog);
        var notes = new List<string>();
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
                var names = Join(members.Select(report => report.Service.Name).ToList());
                notes.Add($"{names} all fail the same way ({FamilyWords(family)}): this looks like a "
                    + $"{catalog.GroupName(group.Key)}-wide problem, not one app's.");
            }
        }

        return notes;
    }

    /// <summary>The layer a cause belongs to: "dns", "tcp", "tls", "http".</summary>
    private static string Family(string code) => code.Split('-')[0];

    private static string FamilyWords(string family) => family switch
    {
        "dns" => "DNS",
        "tcp" => "no connection",
        "tls" => "secure connection",
        "http" => "server errors",
        _ => family,
    };

    private static string Join(List<string> names) =>
        names.Count == 2 ? $"{names[0]} and {names[1]}" : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
