namespace IsItDownBot.Core.Monitoring;

/// <summary>One outage of one service: when it was declared down and why, and when it was back.</summary>
public sealed record Incident(
    long Id,
    string ServiceId,
    DateTimeOffset OpenedAt,
    string OpenCauseCode,
    string OpenSummary,
    DateTimeOffset? ClosedAt = null,
    string? CloseCauseCode = null,
    string? CloseSummary = null)
{
    public bool IsOpen => ClosedAt is null;
}
