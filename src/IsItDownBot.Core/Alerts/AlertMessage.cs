using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Alerts;

/// <summary>
/// What an alert says, platform-neutral: each adapter renders it its own way. One message may cover several
/// services of a group that changed in the same round, so a channel gets one message rather than a burst.
/// </summary>
/// <param name="GroupName">The group's display name ("Meta") when the message covers several of its services.</param>
public sealed record AlertMessage(TransitionKind Kind, string? GroupName, IReadOnlyList<AlertItem> Items)
{
    /// <summary>The language the channel asked in when it subscribed; rows queued before languages existed read as English.</summary>
    public Language Language { get; init; }
}

/// <summary>One service in an alert.</summary>
/// <param name="Duration">For a "back up" alert, how long the service was down.</param>
public sealed record AlertItem(
    string ServiceId,
    string ServiceName,
    string CauseCode,
    string Summary,
    DateTimeOffset DownSince,
    TimeSpan? Duration = null)
{
    /// <summary>The summary in French; null in rows queued by a build that spoke only English.</summary>
    public string? SummaryFrench { get; init; }

    public string SummaryIn(Language language) => language == Language.French && SummaryFrench is { } french ? french : Summary;
}
