using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Vantages;

/// <summary>
/// Reads one vantage point's report next to the other vantage points' fresh results for the same service. Down
/// everywhere is an outage, and surer for it; down from one region while the others reach it is a regional
/// problem, and the answer says so. Pure: results in, report out.
/// </summary>
public static class VantageCorrelation
{
    /// <param name="own">This vantage point's report.</param>
    /// <param name="vantage">This vantage point's name.</param>
    /// <param name="others">The other vantage points' fresh results for the same service.</param>
    public static StatusReport InContext(StatusReport own, string vantage, IReadOnlyList<VantageResult> others)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(others);

        // Nobody else has spoken lately: exactly the single-vantage answer.
        var elsewhere = others.Where(other => other.Vantage != vantage).OrderBy(other => other.Vantage, StringComparer.Ordinal).ToList();
        if (elsewhere.Count == 0)
        {
            return own;
        }

        var local = VantageResult.From(vantage, own);
        IReadOnlyList<VantageResult> all = [local, .. elsewhere];

        // A vantage point whose own network was down (unknown) saw nothing of the service: it neither agrees nor disagrees.
        var down = all.Where(result => result.IsDown).ToList();
        var reaching = all.Where(result => result.Reaches).ToList();
        var told = down.Count + reaching.Count;
        var report = own with { Vantages = all };
        if (told < 2)
        {
            return report;
        }

        var agreeing = elsewhere.Count(other => local.IsDown ? other.IsDown : local.Reaches && other.Reaches);
        var disagreeing = elsewhere.Count(other => local.IsDown ? other.Reaches : local.Reaches && other.IsDown);
        var confidence = own.Verdict == Verdict.Unknown ? own.Confidence
            : disagreeing > 0 ? ConfidenceRating.Lower(own.Confidence)
            : Enumerable.Range(0, agreeing).Aggregate(own.Confidence, (level, _) => ConfidenceRating.Raise(level));
        report = report with { Confidence = confidence };

        return down.Count == 0 ? report : report with { Notes = [Note(down, reaching), .. own.Notes] };
    }

    /// <summary>"Down from 3 of 3 regions (…)", "Fails only from eu-west: a regional problem; …", in both languages.</summary>
    public static Phrase Note(IReadOnlyList<VantageResult> down, IReadOnlyList<VantageResult> reaching)
    {
        ArgumentNullException.ThrowIfNull(down);
        ArgumentNullException.ThrowIfNull(reaching);
        var told = down.Count + reaching.Count;
        var listed = string.Join(", ", down.Select(result => result.Vantage));
        if (reaching.Count == 0)
        {
            return new($"Down from {down.Count} of {told} regions ({listed}).", $"En panne depuis {down.Count} régions sur {told} ({listed}).");
        }

        var fine = Names(reaching);
        var reach = new Phrase(
            $"{fine.English} {(reaching.Count == 1 ? "reaches" : "reach")} it",
            $"{fine.French} y {(reaching.Count == 1 ? "accède" : "accèdent")}");
        return down.Count == 1
            ? new($"Fails only from {listed}: a regional problem; {reach.English}.",
                $"Échoue seulement depuis {listed} : un problème régional ; {reach.French}.")
            : new($"Down from {down.Count} of {told} regions ({listed}); {reach.English}.",
                $"En panne depuis {down.Count} régions sur {told} ({listed}) ; {reach.French}.");
    }

    private static Phrase Names(IReadOnlyList<VantageResult> results)
    {
        var names = results.Select(result => result.Vantage).ToList();
        return names.Count switch
        {
            1 => new(names[0], names[0]),
            _ => new($"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}", $"{string.Join(", ", names.Take(names.Count - 1))} et {names[^1]}"),
        };
    }
}
