using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Cli;

/// <summary>What scripts can rely on: 0 up, 1 degraded or down, 2 bad usage or configuration, 3 unknown.</summary>
internal static class ExitCodes
{
    public const int Up = 0;
    public const int DownOrDegraded = 1;
    public const int Usage = 2;
    public const int Unknown = 3;

    /// <summary>For several services: any outage wins, then any unknown.</summary>
    public static int For(IEnumerable<StatusReport> reports)
    {
        var verdicts = reports.Select(report => report.Verdict).ToList();
        if (verdicts.Any(verdict => verdict is Verdict.Down or Verdict.Degraded))
        {
            return DownOrDegraded;
        }

        return verdicts.Any(verdict => verdict == Verdict.Unknown) ? Unknown : Up;
    }
}
