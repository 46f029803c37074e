namespace IsItDownBot.Core.Alerts;

/// <summary>How fast a platform accepts messages: overall, and per channel.</summary>
public sealed class PlatformLimits
{
    public List<RateWindow> Overall { get; set; } = [];

    public List<RateWindow> PerChannel { get; set; } = [];

    /// <summary>
    /// The platforms' published limits, used when configuration names none. Telegram: about 30 messages a
    /// second overall, 1 a second per chat, 20 a minute per group. Discord: 50 requests a second per bot; its
    /// per-channel buckets are read from response headers by the Discord sink, this only keeps a safe pace.
    /// </summary>
    public static PlatformLimits DefaultsFor(string platform) => platform switch
    {
        "telegram" => new()
        {
            Overall = [RateWindow.Of(30, TimeSpan.FromSeconds(1))],
            PerChannel = [RateWindow.Of(1, TimeSpan.FromSeconds(1)), RateWindow.Of(20, TimeSpan.FromMinutes(1))],
        },
        "discord" => new()
        {
            Overall = [RateWindow.Of(50, TimeSpan.FromSeconds(1))],
            PerChannel = [RateWindow.Of(5, TimeSpan.FromSeconds(5))],
        },
        _ => new(),
    };
}
