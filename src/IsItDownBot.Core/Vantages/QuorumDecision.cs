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
    /// degraded when this vantage point sees it down without a quorum; as it is otherwise. A regional failure is then
    /// a passing round for the monitor, not an outage, and a vantage point going quiet during an outage does not
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

        return report.Verdict == Verdict.Down ? report with { Verdict = Verdict.Degraded } : report;
    }
}
