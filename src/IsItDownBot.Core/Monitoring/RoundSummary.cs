using System.Globalization;
using System.Text;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Monitoring;

/// <summary>One service's result in a monitoring round.</summary>
public sealed record RoundOutcome(string ServiceId, Verdict Verdict, string CauseCode);

/// <summary>
/// What one monitoring round saw, told in one compact log line: "Round 12: 22 services, 20 up, 1 degraded,
/// 1 down; facebook down (dns-authoritative-unreachable), github degraded (slow)".
/// </summary>
public sealed record RoundSummary(long Round, IReadOnlyList<RoundOutcome> Outcomes)
{
    /// <summary>How many services not up are named; the rest are counted, so the line stays one line.</summary>
    public const int MaxNamed = 5;

    // The worst first: a reader scanning the log wants the outages before the slow services.
    private static readonly Verdict[] Severity = [Verdict.Down, Verdict.Unknown, Verdict.Degraded];

    public int Count(Verdict verdict) => Outcomes.Count(outcome => outcome.Verdict == verdict);

    /// <summary>The services not up, the worst first, then by id.</summary>
    public IReadOnlyList<RoundOutcome> NotUp =>
        [.. Outcomes
            .Where(outcome => outcome.Verdict != Verdict.Up)
            .OrderBy(outcome => Array.IndexOf(Severity, outcome.Verdict))
            .ThenBy(outcome => outcome.ServiceId, StringComparer.Ordinal)];

    /// <summary>Everything after "Round N: ": the counts per verdict, then the services not up with their cause.</summary>
    public string Describe()
    {
        if (Outcomes.Count == 0)
        {
            return "no service watched (nobody subscribed, IsItDown:Monitor:AlwaysWatch empty)";
        }

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Outcomes.Count} {(Outcomes.Count == 1 ? "service" : "services")}, {Count(Verdict.Up)} up");
        foreach (var verdict in new[] { Verdict.Degraded, Verdict.Down, Verdict.Unknown })
        {
            var count = Count(verdict);
            if (count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $", {count} {Word(verdict)}");
            }
        }

        var notUp = NotUp;
        if (notUp.Count > 0)
        {
            text.Append("; ");
            text.AppendJoin(", ", notUp.Take(MaxNamed).Select(outcome => $"{outcome.ServiceId} {Word(outcome.Verdict)} ({outcome.CauseCode})"));
            if (notUp.Count > MaxNamed)
            {
                text.Append(CultureInfo.InvariantCulture, $" and {notUp.Count - MaxNamed} more");
            }
        }

        return text.ToString();
    }

    /// <summary>The whole line, as the monitor logs it.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Round {Round}: {Describe()}");

    private static string Word(Verdict verdict) => verdict switch
    {
        Verdict.Up => "up",
        Verdict.Degraded => "degraded",
        Verdict.Down => "down",
        _ => "unknown",
    };
}
