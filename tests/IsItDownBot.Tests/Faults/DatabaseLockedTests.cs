using Microsoft.Data.Sqlite;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// Another process holds the database's write lock (a backup, a <c>sqlite3</c> shell left inside a transaction)
/// for longer than the bot's busy timeout, while a service goes down. Questions are still answered (they only
/// read), the failing writes show in the log and in /readyz, and once the lock is released the outage is recorded
/// and announced exactly once on each platform.
/// </summary>
public sealed class DatabaseLockedTests
{
    [Fact]
    public async Task WhileAnotherWriterHoldsTheLock_QuestionsAreAnswered_ReadyzNamesTheDatabase_AndAlertsFollowOnceAfter()
    {
        await using var rig = await FaultRig.StartAsync(configure: settings => settings["IsItDown:Storage:BusyTimeout"] = "00:00:00.300");
        await rig.SubscribeAsync("flaky", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());
        await rig.WaitForReadyAsync();

        string reason, logged, telegramAnswer, discordAnswer;
        int alertsDuringLock;
        using (var holder = new SqliteConnection($"Data Source={rig.Bot.DatabasePath};Pooling=False"))
        {
            holder.Open();
            using var transaction = holder.BeginTransaction(deferred: false);
            rig.FlakyHealthy = false;
            reason = await rig.WaitForNotReadyAsync("database");
            logged = await rig.WaitForLogAsync("A monitoring round failed");
            telegramAnswer = await rig.AskOnTelegramAsync("is flaky down?");
            discordAnswer = await rig.AskOnDiscordAsync("flaky");
            alertsDuringLock = rig.TelegramAlerts() + rig.DiscordAlerts();
            transaction.Rollback();
        }

        await rig.WaitForReadyAsync();
        await FaultRig.Poll(() => rig.TelegramAlerts() == 1 && rig.DiscordAlerts() == 1 ? "sent" : null, "both alerts");
        await rig.WaitForOutboxDrainedAsync();

        Assert.Contains("writes to the database fail", reason, StringComparison.Ordinal);
        Assert.Contains("locked", reason, StringComparison.Ordinal);
        Assert.Contains("[ERR]", logged, StringComparison.Ordinal);
        Assert.Contains("Flaky", telegramAnswer, StringComparison.Ordinal);
        Assert.Contains("Flaky", discordAnswer, StringComparison.Ordinal);
        Assert.Equal(0, alertsDuringLock);
        Assert.Equal(1, rig.TelegramAlerts());
        Assert.Equal(1, rig.DiscordAlerts());
        Assert.Equal(2, (await rig.Store.SubscribersAsync(["flaky"])).Count);
    }
}
