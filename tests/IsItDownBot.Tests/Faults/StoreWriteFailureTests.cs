using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// The disk fills up, or the database file turns read-only, in the middle of an alert fan-out: the alerts already
/// sent cannot be marked delivered. Simulated at the store's boundary (see <see cref="FailingWritesStore"/>) with
/// SQLite's own errors. Questions are still answered, /readyz and the log name the failing writes, and once the
/// disk has room again every alert has been sent exactly once: the marks are retried, not the sends.
/// </summary>
public sealed class StoreWriteFailureTests
{
    [Theory]
    [InlineData(13, "database or disk is full")]
    [InlineData(8, "attempt to write a readonly database")]
    public async Task WhenWritesFailDuringAFanOut_QuestionsAreAnswered_ReadyzNamesTheDatabase_AndNoAlertIsSentTwice(int code, string message)
    {
        FailingWritesStore? store = null;
        await using var rig = await FaultRig.StartAsync(
            configure: settings =>
            {
                // A lease only just longer than one delivery: were a sent alert left unmarked, it would be sent
                // again within seconds, inside this test, instead of five minutes later.
                settings["IsItDown:Alerts:SendTimeout"] = "00:00:02";
                settings["IsItDown:Alerts:RetryAttempts"] = "0";
                settings["IsItDown:Alerts:Lease"] = "00:00:03";
            },
            configureServices: services => services.AddSingleton<IBotStore>(provider => store = new FailingWritesStore(SqliteBotStore.Create(
                provider.GetRequiredService<IOptions<StorageOptions>>().Value, provider.GetRequiredService<TimeProvider>()))));
        await rig.SubscribeAsync("flaky", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());
        await rig.WaitForReadyAsync();

        store!.BreakAtFirstDelivery(code, message);
        rig.FlakyHealthy = false;
        var reason = await rig.WaitForNotReadyAsync("database");
        var logged = await rig.WaitForLogAsync("could not be marked");
        var answer = await rig.AskOnTelegramAsync("is flaky down?");

        // Long enough for the lease of an unmarked alert to run out twice over: a resend would happen now.
        await FaultRig.Poll(() => store.FailedWrites > 20 ? "failing" : null, "writes failing for a while");
        await Task.Delay(TimeSpan.FromSeconds(6));
        store.Heal();
        await rig.WaitForReadyAsync();
        await rig.WaitForOutboxDrainedAsync();

        Assert.Contains(message, reason, StringComparison.Ordinal);
        Assert.Contains(message, string.Join('\n', rig.LogLines()), StringComparison.Ordinal);
        Assert.Contains("[WRN]", logged, StringComparison.Ordinal);
        Assert.Contains("Flaky", answer, StringComparison.Ordinal);
        Assert.Equal(1, rig.TelegramAlerts());
        Assert.Equal(1, rig.DiscordAlerts());
        Assert.Equal(2, (await rig.Store.SubscribersAsync(["flaky"])).Count);
    }
}
