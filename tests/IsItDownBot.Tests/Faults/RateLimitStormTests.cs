using System.Globalization;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// Both platforms answer 429 to most sends of a fan-out to 15 chats and 15 channels: Telegram allows 3 messages a
/// second, Discord's message bucket 3 per second and a global limit on top. Every alert arrives exactly once; the
/// storm shows in the log and in the metrics. Readiness is not affected: a 429 is the platform pacing the bot,
/// not the bot failing.
/// </summary>
public sealed class RateLimitStormTests
{
    private const int Channels = 15;

    [Fact]
    public async Task AStormOf429_OnBothPlatforms_DelaysTheFanOutButEveryAlertArrivesOnce()
    {
        await using var rig = await FaultRig.StartAsync(configure: settings => settings["IsItDown:Alerts:RetryAttempts"] = "3");
        var chats = Enumerable.Range(1, Channels).Select(i => (5100 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        var channels = Enumerable.Range(1, Channels).Select(i => (6100 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        await rig.SubscribeAsync("flaky", [.. chats.Select(chat => FaultRig.TelegramChannel(chat)), .. channels.Select(channel => FaultRig.DiscordChannelRef(channel))]);
        await rig.WaitForReadyAsync();
        rig.Telegram.RateLimit(messagesAllowed: 3, per: TimeSpan.FromSeconds(1), retryAfterSeconds: 1);
        rig.Rest.BucketLimit("/messages", limit: 3, resetAfter: TimeSpan.FromSeconds(1));
        rig.Rest.RateLimitNext("/messages", retryAfterSeconds: 1, global: true);

        rig.FlakyHealthy = false;
        await FaultRig.Poll(
            () => chats.All(chat => rig.TelegramAlerts(chat) > 0) && channels.All(channel => rig.DiscordAlerts(channel) > 0) ? "all" : null,
            "an alert in every chat and channel");
        await rig.WaitForOutboxDrainedAsync();
        var (_, metrics) = await rig.Health.GetAsync("/metrics");
        var answer = await rig.AskOnTelegramAsync("is flaky down?");
        await rig.WaitForReadyAsync();

        Assert.True(rig.Telegram.TooManyRequests > 0, "Telegram should have answered 429");
        Assert.True(rig.Rest.TooManyRequests > 0, "Discord should have answered 429");
        Assert.All(chats, chat => Assert.Equal(1, rig.TelegramAlerts(chat)));
        Assert.All(channels, channel => Assert.Equal(1, rig.DiscordAlerts(channel)));
        Assert.Contains(rig.LogLines(), line => line.Contains("not delivered", StringComparison.Ordinal) || line.Contains("429", StringComparison.Ordinal));
        Assert.Contains("isitdown_platform_rate_limited_total", metrics, StringComparison.Ordinal);
        Assert.Contains("Flaky", answer, StringComparison.Ordinal);
        Assert.Equal(2 * Channels, (await rig.Store.SubscribersAsync(["flaky"])).Count);
    }
}
