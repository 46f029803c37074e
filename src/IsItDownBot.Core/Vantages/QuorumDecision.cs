using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Vantages;

/// <summary>
/// Whether the vantage points' fresh results add up to an outage: at least <c>IsItDown:Vantages:Quorum</c> of them
/// see the service down. Pure, and blind to which instance asks, so it decides the same whoever runs the round.
/// </summary>
/// <param name="IsOutage">Enough vantage points see it down.</param>
/// <param name="Down">How many vantage points see it down.</param>
/// <param name="Quorum">How many had to.</param>
/// <param name="Witness">A down result to word the outage by: the local one when it is down, else the first other.</param>
/// <param name="Witnesses">How many vantage points' results were counted, down or not.</param>
public sealed record QuorumDecision(bool IsOutage, int Down, int Quorum, VantageResult? Witness, int Witnesses)
{
    /// <summary>
    /// Some vantage points see it down, but fewer have spoken than the quorum: those that are silent (stopped,
    /// restarting, not yet probed) might have made it an outage, so the round proves nothing either way.
    /// </summary>
    public bool IsUndecided => !IsOutage && Down > 0 && Witnesses < Quorum;

    public static QuorumDecision Decide(IReadOnlyList<VantageResult> fresh, int quorum)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        var down = fresh.Where(result => result.IsDown).ToList();
        return new(down.Count >= quorum, down.Count, quorum, down.FirstOrDefault(), fresh.Count);
    }

    /// <summary>
    /// The decision for a report of <paramref name="vantage"/>: over its vantage results, or over the report alone
    /// when no other vantage point has spoken lately (a single instance, as before vantage points existed).
    /// </summary>
    public static QuorumDecision For(StatusReport report, string vantage, int quorum)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Decide(report.Vantages.Count > 0 ? report.Vantages : [VantageResult.From(vantage, report)], quorum);
    }

    /// <summary>
    /// The report the outage tracker should count: down when the quorum is reached (worded by the witness when this
    /// vantage point itself does not see it down); unknown, which the tracker does not count, when it is undecided;
    /// degraded with a <see cref="CauseCodes.Regional"/> cause when this vantage point sees it down without a quorum;
    /// as it is otherwise. A regional failure is then a passing round for the monitor, even during an outage, where
    /// other degraded rounds (a partial outage) are not; and a vantage point going quiet during an outage does not
    /// make it look over.
    /// </summary>
    public StatusReport ApplyTo(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (IsUndecided)
        {
            return report with { Verdict = Verdict.Unknown };
        }

        if (IsOutage)
        {
            return report.Verdict == Verdict.Down || Witness is null
                ? report
                : report with { Verdict = Verdict.Down, Cause = new Cause(Witness.CauseCode, Witness.Summary, Witness.Summary) };
        }

        return report.Verdict == Verdict.Down ? report with { Verdict = Verdict.Degraded, Cause = Regional(report.Cause) } : report;
    }

    /// <summary>
    /// The cause of a failure too few vantage points see to be an outage. It says so explicitly, rather than leaving
    /// the tracker to tell a regional problem from a partial outage by its words, and keeps the local cause's
    /// wording as evidence: it may end up as the summary of a "back up" alert.
    /// </summary>
    private Cause Regional(Cause local) => new(
        CauseCodes.Regional,
        new($"Regional problem — {local.Summary.English}", $"Problème régional — {local.Summary.French}"),
        new($"Only {Down} of the {Witnesses} vantage points see it down, fewer than the {Quorum} an outage needs: "
            + $"a regional problem, not an outage. {local.Explanation.English}",
            $"En panne vu de {Down} points d’observation sur {Witnesses} seulement, moins que les {Quorum} qu’il faut "
            + $"pour parler de panne : un problème régional. {local.Explanation.French}"))
    {
        MemberSummary = new($"Regional problem — {local.SummaryAsMember.English}", $"Problème régional — {local.SummaryAsMember.French}"),
    };
}
