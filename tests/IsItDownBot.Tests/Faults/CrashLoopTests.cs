using System.Globalization;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// <c>run</c> as its own process, killed with SIGKILL at a random point of an outage fan-out to 200 Telegram chats
/// and 200 Discord channels, then started again until the outbox is drained. Every alert must arrive: none lost.
/// Discord drops a repeated nonce, so none may arrive twice there; Telegram has no such key, so an alert it
/// accepted in the instant before the kill, before the bot could mark it, arrives twice: counted, and bounded by
/// the sends in flight at the kill.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output)
{
    private const int Chats = 200;
    private const int Channels = 200;
    private const int Concurrency = 16;

    [Fact]
    public async Task KilledAtRandomPointsOfAFanOut_AfterRestartEveryAlertIsDelivered_NoneLost_DiscordNoneTwice()
    {
        // A few trials in CI; ISITDOWN_CRASH_TRIALS=20 runs the full loop on demand (RELIABILITY.md).
        var trials = int.TryParse(Environment.GetEnvironmentVariable("ISITDOWN_CRASH_TRIALS"), CultureInfo.InvariantCulture, out var wanted) && wanted > 0 ? wanted : 3;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("ISITDOWN_CRASH_SEED"), CultureInfo.InvariantCulture, out var given) ? given : 9;
        var random = new Random(seed);
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        rest.GatewayUrl = gateway.Url;
        Configure(world.Settings, telegram, rest);

        int lost = 0, telegramTwice = 0, discordTwice = 0, discordRepeatsDropped = 0, sent = 0;
        var killPoints = new List<int>();
        for (var trial = 1; trial <= trials; trial++)
        {
            var directory = Directory.CreateTempSubdirectory("isitdown-crash-");
            try
            {
                var database = Path.Combine(directory.FullName, "bot.db");
                world.Settings["IsItDown:Storage:Path"] = database;
                var (chats, channels) = await SubscribeAsync(database, trial);
                using var config = TempConfig.FromJson(world.ToJson());
                int Delivered() => telegram.Sent().Count(call => chats.Contains(call.ChatId ?? 0)) + rest.Messages().Count(call => channels.Contains(ChannelOf(call)));

                // Killed once a random number of alerts have reached the platforms: anywhere in the fan-out.
                var killAfter = random.Next(1, Chats + Channels);
                using (var first = ExecutableProcess.Start(["run", "--config", config.Path]))
                {
                    await FaultRig.Poll(() => Delivered() >= killAfter ? "reached" : null, $"{killAfter} alerts before the kill (trial {trial})");
                    first.Kill();
                }

                killPoints.Add(Delivered());
                using (var second = ExecutableProcess.Start(["run", "--config", config.Path]))
                {
                    await FaultRig.PollAsync(async () => await DrainedAsync(database) ? "drained" : null, $"the outbox drained after the restart (trial {trial})");
                    second.Terminate();
                    await second.WaitForExitAsync();
                }

                var perChat = chats.Select(chat => telegram.Sent(chat).Count).ToList();
                var perChannel = channels.Select(channel => rest.Messages(channel).Count).ToList();
                lost += perChat.Count(count => count == 0) + perChannel.Count(count => count == 0);
                telegramTwice += perChat.Sum(count => Math.Max(0, count - 1));
                discordTwice += perChannel.Sum(count => Math.Max(0, count - 1));
                discordRepeatsDropped += rest.Calls.Count(call => call.Deduplicated && channels.Contains(ChannelOf(call)));
                sent += perChat.Sum() + perChannel.Sum();
            }
            finally
            {
                directory.Delete(recursive: true);
            }
        }

        output.WriteLine(
            $"crash loop (seed {seed}): {trials} trials, {trials * (Chats + Channels)} alerts, {sent} messages received, lost {lost}, "
            + $"Telegram twice {telegramTwice}, Discord twice {discordTwice} (repeats Discord dropped by nonce: {discordRepeatsDropped}), "
            + $"killed after {string.Join(", ", killPoints)} deliveries");
        Assert.Equal(0, lost);
        Assert.Equal(0, discordTwice);
        Assert.InRange(telegramTwice, 0, trials * Concurrency);
    }

    private static void Configure(IDictionary<string, string?> settings, FakeTelegramBotApi telegram, FakeDiscordRest rest)
    {
        settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        settings["IsItDown:Cache:Ttl"] = "00:00:00";
        settings["IsItDown:Monitor:Interval"] = "00:00:01";
        settings["IsItDown:Monitor:Jitter"] = "0";
        settings["IsItDown:Monitor:FailureThreshold"] = "1";
        settings["IsItDown:Telegram:BotToken"] = telegram.Token;
        settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        settings["IsItDown:Telegram:PollTimeout"] = "00:00:01";
        settings["IsItDown:Discord:BotToken"] = rest.Token;
        settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
        settings["IsItDown:Discord:GuildId"] = "700";
        settings["IsItDown:Alerts:LogAlerts"] = "false";
        settings["IsItDown:Alerts:PollInterval"] = "00:00:00.100";
        settings["IsItDown:Alerts:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture);

        // The lease is how long a killed bot's claimed alerts wait before the next one sends them: as short as
        // the validation allows (longer than one delivery), so a trial takes seconds, not five minutes.
        settings["IsItDown:Alerts:SendTimeout"] = "00:00:02";
        settings["IsItDown:Alerts:RetryAttempts"] = "0";
        settings["IsItDown:Alerts:Lease"] = "00:00:03";
        settings["IsItDown:Alerts:MaxBackoff"] = "00:00:01";

        // 200 a second per platform: each half of the fan-out takes about a second, time to be killed in it.
        foreach (var platform in new[] { "telegram", "discord" })
        {
            settings[$"IsItDown:Alerts:RateLimits:{platform}:Overall:0:Count"] = "200";
            settings[$"IsItDown:Alerts:RateLimits:{platform}:Overall:0:Per"] = "00:00:01";
            settings[$"IsItDown:Alerts:RateLimits:{platform}:PerChannel:0:Count"] = "5";
            settings[$"IsItDown:Alerts:RateLimits:{platform}:PerChannel:0:Per"] = "00:00:01";
        }

        settings["Serilog:MinimumLevel:Default"] = "Warning";
    }

    /// <summary>A fresh database with this trial's own chats and channels subscribed to the failing service.</summary>
    private static async Task<(HashSet<long> Chats, HashSet<string> Channels)> SubscribeAsync(string database, int trial)
    {
        using var store = SqliteBotStore.Create(new StorageOptions { Path = database }, TimeProvider.System);
        await store.MigrateAsync();
        var chats = Enumerable.Range(1, Chats).Select(i => (long)((trial * 100_000) + i)).ToHashSet();
        var channels = Enumerable.Range(1, Channels).Select(i => ((trial * 100_000) + 50_000 + i).ToString(CultureInfo.InvariantCulture)).ToHashSet(StringComparer.Ordinal);
        var at = DateTimeOffset.UtcNow;
        foreach (var chat in chats)
        {
            await store.AddSubscriptionAsync(new Subscription(new ChannelRef("telegram", chat.ToString(CultureInfo.InvariantCulture)), "flaky", "admin", at));
        }

        foreach (var channel in channels)
        {
            await store.AddSubscriptionAsync(new Subscription(new ChannelRef("discord", channel), "flaky", "admin", at));
        }

        return (chats, channels);
    }

    private static async Task<bool> DrainedAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT COUNT(*), COUNT(*) FILTER (WHERE delivered_at IS NULL AND abandoned_at IS NULL)
            FROM outbox WHERE platform IN ('telegram', 'discord');
            """;
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetInt64(0) == Chats + Channels && reader.GetInt64(1) == 0;
    }

    private static string ChannelOf(FakeDiscordCall call) => call.Path.Split('/')[2];
}
