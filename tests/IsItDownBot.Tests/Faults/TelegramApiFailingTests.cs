using System.Net;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// The Telegram Bot API answers 502 to everything for a while (minutes in production: here seconds, through the same
/// polling backoff and outbox rescheduling code). An outage declared meanwhile reaches Discord at once and Telegram
/// once the API is back, exactly once each.
/// </summary>
public sealed class TelegramApiFailingTests
{
    [Fact]
    public async Task WhileTelegramFails_DiscordStillAnswers_ReadyzNamesTelegram_AndTheQueuedAlertArrivesOnceAfter()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.SubscribeAsync("flaky", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());
        await rig.WaitForReadyAsync();

        rig.Telegram.FailFor(TimeSpan.FromSeconds(8), 502);
        rig.FlakyHealthy = false;
        var reason = await rig.WaitForNotReadyAsync("telegram");
        var logged = await rig.WaitForLogAsync("Telegram: the Bot API failed");
        var discordAnswer = await rig.AskOnDiscordAsync("flaky");
        await FaultRig.Poll(() => rig.DiscordAlerts() == 1 ? "sent" : null, "the Discord alert");
        var telegramAlertsDuringFault = rig.TelegramAlerts();

        await rig.WaitForReadyAsync();
        await rig.WaitForOutboxDrainedAsync();
        var telegramAnswer = await rig.AskOnTelegramAsync("is flaky down?");

        Assert.Contains("getUpdates", reason, StringComparison.Ordinal);
        Assert.Contains("502", logged, StringComparison.Ordinal);
        Assert.Contains("Flaky", discordAnswer, StringComparison.Ordinal);
        Assert.Equal(0, telegramAlertsDuringFault);
        Assert.Equal(1, rig.TelegramAlerts());
        Assert.Equal(1, rig.DiscordAlerts());
        Assert.Equal(2, (await rig.Store.SubscribersAsync(["flaky"])).Count);
        Assert.Contains("Flaky", telegramAnswer, StringComparison.Ordinal);
    }
}
