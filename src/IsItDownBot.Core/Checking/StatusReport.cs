using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Checking;

/// <summary>The one report model every adapter renders: verdict, cause, and the probes behind them.</summary>
public sealed record StatusReport(
    ServiceDefinition Service,
    Verdict Verdict,
    Cause Cause,
    DateTimeOffset CheckedAt,
    TimeSpan Duration,
    IReadOnlyList<ProbeResult> Probes);
