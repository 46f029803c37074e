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
            var first = members[0];
            var sameFailure = members.Count >= 2
                && members.All(report => report.Verdict == Verdict.Down && report.Cause.Code == first.Cause.Code);
            if (sameFailure)
            {
                var names = Join(members.Select(report => report.Service.Name).ToList());
                notes.Add($"{names} all fail the same way ({first.Cause.Code}): this looks like a "
                    + $"{catalog.GroupName(group.Key)}-wide problem, not one app's.");
            }
        }

        return notes;
    }

    private static string Join(List<string> names) =>
        names.Count == 2 ? $"{names[0]} and {names[1]}" : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
