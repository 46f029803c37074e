using IsItDownBot.Core.Alerts;

namespace IsItDownBot.Core.Safety;

/// <summary>
/// The <c>IsItDown:Limits</c> section: how often people may ask. A public bot meets spammers; without limits one
/// person could keep it probing all day, or use it to send traffic to any domain they like.
/// </summary>
public sealed class QuestionLimitOptions
{
    public const string SectionName = "IsItDown:Limits";

    /// <summary>Questions one person may ask, on any platform channel.</summary>
    public RateWindow PerUser { get; set; } = RateWindow.Of(10, TimeSpan.FromMinutes(1));

    /// <summary>Questions one chat or channel may ask, whoever asks: a busy group must not starve the others.</summary>
    public RateWindow PerChannel { get; set; } = RateWindow.Of(30, TimeSpan.FromMinutes(1));

    /// <summary>Checks of domains outside the catalog one person may ask for: each costs a fresh probe round.</summary>
    public RateWindow DomainChecksPerUser { get; set; } = RateWindow.Of(3, TimeSpan.FromMinutes(1));

    /// <summary>Checks of domains outside the catalog, everyone together: bounds the probe rounds strangers can start.</summary>
    public RateWindow DomainChecks { get; set; } = RateWindow.Of(60, TimeSpan.FromMinutes(1));
}
