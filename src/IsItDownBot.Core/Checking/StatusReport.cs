using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Vantages;

namespace IsItDownBot.Core.Checking;

/// <summary>The one report model every adapter renders: verdict, cause, and the probes behind them.</summary>
public sealed record StatusReport(
    ServiceDefinition Service,
    Verdict Verdict,
    Cause Cause,
    DateTimeOffset CheckedAt,
    TimeSpan Duration,
    IReadOnlyList<ProbeResult> Probes)
{
    public Confidence Confidence { get; init; } = Confidence.Low;

    /// <summary>Further evidence in words, in order: the group, the operator's status page, what could not be checked.</summary>
    public IReadOnlyList<Phrase> Notes { get; init; } = [];

    /// <summary>
    /// Every vantage point's fresh result for the service, this one's first; empty when no other vantage point has
    /// spoken lately, so a single instance answers exactly as it would alone.
    /// </summary>
    public IReadOnlyList<VantageResult> Vantages { get; init; } = [];

    /// <summary>The headline after the service's name, worded by confidence: "is down", "looks down".</summary>
    public Phrase Headline => VerdictWords.For(Verdict, Confidence);
}
