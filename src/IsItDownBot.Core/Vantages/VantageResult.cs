using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Vantages;

/// <summary>
/// What one vantage point last saw of one service: the verdict, its cause and when. Shared through the store so
/// that any instance can answer with every region's view; the summary travels in both languages so the monitor
/// can word an outage that only other vantage points saw.
/// </summary>
public sealed record VantageResult(
    string Vantage,
    string ServiceId,
    Verdict Verdict,
    string CauseCode,
    Phrase Summary,
    DateTimeOffset CheckedAt)
{
    /// <summary>The result a report stands for, seen from <paramref name="vantage"/>.</summary>
    public static VantageResult From(string vantage, StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(vantage, report.Service.Id, report.Verdict, report.Cause.Code, report.Cause.Summary, report.CheckedAt);
    }

    /// <summary>Down: the only verdict the quorum counts and the regional wording names.</summary>
    public bool IsDown => Verdict == Verdict.Down;

    /// <summary>The service answered from there (perhaps slowly); unknown means that vantage could not tell.</summary>
    public bool Reaches => Verdict is Verdict.Up or Verdict.Degraded;
}
