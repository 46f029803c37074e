using System.Globalization;
using IsItDownBot.Core.Storage.Postgres;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Xunit.Abstractions;

namespace IsItDownBot.Tests.Storage;

/// <summary>
/// Three <c>run</c> processes on one PostgreSQL database, as the README's compose file runs two: one monitor
/// decides, every dispatcher drains the same outbox, each holds its own Discord shard, and a SIGKILLed
/// instance loses no alert.
/// </summary>
public sealed class SeveralInstancesTests(ITestOutputHelper output)
{
    private const int Chats = 300;
    private const long FirstChat = -1_000_000;
    private const int Channels = 300;
    private const long FirstChannel = 800_000_000_000_000_000;
    private const int Instances = 3;

    // Small, so the killed instance holds few claims: what it sent but had not yet marked delivered is the
    // at-least-once window, at most its concurrency.
    private const int Concurrency = 4;

    [Fact]
    public async Task Run_ThreeInstancesOneKilledMidFanOut_OneIncidentAndEveryChatAndChannelAlertedOnce()
    {
        await using var database = await TestPostgres.CreateAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var discord = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(discord.Token, discord.ApplicationId);
        discord.GatewayUrl = gateway.Url;
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await SubscribeAsync(database.ConnectionString);
        Configure(world, database.ConnectionString, telegram, discord);
        using var config = TempConfig.FromJson(world.ToJson());

        // One file for all, as one image; each instance's shard comes from its environment, as in compose.yaml.
        var instances = Enumerable.Range(0, Instances)
            .Select(shard => ExecutableProcess.Start(
                ["run", "--config", config.Path],
                ("IsItDown__Discord__ShardId", shard.ToString(CultureInfo.InvariantCulture)),
                ("IsItDown__Discord__ShardCount", Instances.ToString(CultureInfo.InvariantCulture))))
            .ToList();
        try
        {
            // Mid-fan-out: a fifth of the alerts sent, the rest queued or in flight across the three.
            await telegram.WaitForSentAsync(Reached(Chats / 5), TimeSpan.FromSeconds(60));
            foreach (var (instance, i) in instances.Select((instance, i) => (instance, i)))
            {
                foreach (var line in instance.Lines.Where(line => line.Contains("monitoring rounds", StringComparison.Ordinal) || line.Contains("DOWN", StringComparison.Ordinal)))
                {
                    output.WriteLine($"{i}: {line}");
                }
            }

            var leader = instances.Single(IsLeading);
            leader.Kill();
            var sentAtKill = telegram.Sent().Count;

            // The survivors finish the fan-out, including what the dead one had claimed once its leases run out.
            await telegram.WaitForSentAsync(Reached(Chats), TimeSpan.FromSeconds(60));
            await discord.WaitForCallAsync(ReachedChannels(Channels), TimeSpan.FromSeconds(60));
            var survivors = instances.Where(instance => instance != leader).ToList();
            var takeOver = await Task.WhenAny(survivors.Select(instance =>
                instance.WaitForLineAsync(line => line.Contains("now runs the monitoring rounds", StringComparison.Ordinal))));
            await takeOver;
            await WaitUntilSettledAsync(database);

            var perChat = telegram.Sent().GroupBy(call => call.ChatId).ToDictionary(group => group.Key!.Value, group => group.Count());
            var duplicates = perChat.Values.Sum(count => count - 1);
            var perChannel = discord.Messages().GroupBy(ChannelOf).ToDictionary(group => group.Key, group => group.Count());
            var repeatsDropped = discord.Calls.Count(call => call.Deduplicated);
            var shards = gateway.Received.Where(frame => (int?)frame["op"] == 2).Select(frame => frame["d"]!["shard"]!.ToJsonString()).Order().ToList();
            output.WriteLine($"sent when the leader was killed: {sentAtKill}; chats alerted: {perChat.Count}; sent twice (the at-least-once window): {duplicates}; "
                + $"Discord channels alerted: {perChannel.Count}, repeats Discord dropped by nonce: {repeatsDropped}; shards identified: {string.Join(" ", shards)}");

            Assert.Equal(Enumerable.Range(0, Chats).Select(i => FirstChat - i).Order(), perChat.Keys.Order());
            Assert.InRange(duplicates, 0, Concurrency);
            Assert.Equal(Enumerable.Range(0, Channels).Select(i => (FirstChannel + i).ToString(CultureInfo.InvariantCulture)).Order(StringComparer.Ordinal), perChannel.Keys.Order(StringComparer.Ordinal));
            Assert.All(perChannel.Values, count => Assert.Equal(1, count));
            Assert.Equal(["[0,3]", "[1,3]", "[2,3]"], shards);
            Assert.Equal(["1"], await database.QueryAsync("SELECT COUNT(*) FROM incidents WHERE service_id = 'flaky';"));
            Assert.Equal([$"{Chats}"], await database.QueryAsync("SELECT COUNT(*) FROM outbox WHERE platform = 'telegram' AND delivered_at IS NOT NULL;"));
            Assert.Equal([$"{Channels}"], await database.QueryAsync("SELECT COUNT(*) FROM outbox WHERE platform = 'discord' AND delivered_at IS NOT NULL;"));
        }
        finally
        {
            foreach (var instance in instances)
            {
                instance.Dispose();
            }
        }
    }

    /// <summary>Whether the instance's last word on the monitor's lease is that it holds it.</summary>
    private static bool IsLeading(ExecutableProcess instance) =>
        instance.Lines.LastOrDefault(line => line.Contains("monitoring rounds", StringComparison.Ordinal)) is { } last
        && last.Contains("now runs the monitoring rounds", StringComparison.Ordinal);

    /// <summary>Matches once sends have reached this many distinct chats; safe to ask again about a call already seen.</summary>
    private static Func<FakeTelegramCall, bool> Reached(int chats)
    {
        var seen = new HashSet<long?>();
        return call =>
        {
            lock (seen)
            {
                seen.Add(call.ChatId);
                return seen.Count >= chats;
            }
        };
    }

    private static async Task SubscribeAsync(string connectionString)
    {
        await using var store = new PostgresBotStore(connectionString, TimeProvider.System);
        await store.MigrateAsync();
        for (var i = 0; i < Chats; i++)
        {
            var chat = (FirstChat - i).ToString(CultureInfo.InvariantCulture);
            await store.AddSubscriptionAsync(new Subscription(new ChannelRef("telegram", chat), "flaky", "admin", DateTimeOffset.UtcNow));
        }

        for (var i = 0; i < Channels; i++)
        {
            var channel = (FirstChannel + i).ToString(CultureInfo.InvariantCulture);
            await store.AddSubscriptionAsync(new Subscription(new ChannelRef("discord", channel), "flaky", "admin", DateTimeOffset.UtcNow));
        }
    }

    /// <summary>Matches once accepted messages have reached this many distinct channels (a repeat Discord dropped by its nonce is not one).</summary>
    private static Func<FakeDiscordCall, bool> ReachedChannels(int channels)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        return call =>
        {
            lock (seen)
            {
                if (call is { Method: "POST", Status: 200, Deduplicated: false } && call.Path.EndsWith("/messages", StringComparison.Ordinal))
                {
                    seen.Add(ChannelOf(call));
                }

                return seen.Count >= channels;
            }
        };
    }

    private static string ChannelOf(FakeDiscordCall call) => call.Path.Split('/')[2];

    private static void Configure(LoopbackWorld world, string connectionString, FakeTelegramBotApi telegram, FakeDiscordRest discord)
    {
        world.Settings["IsItDown:Storage:Provider"] = "postgres";
        world.Settings["IsItDown:Storage:ConnectionString"] = connectionString;
        world.Settings["IsItDown:Telegram:BotToken"] = telegram.Token;
        world.Settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        world.Settings["IsItDown:Discord:BotToken"] = discord.Token;
        world.Settings["IsItDown:Discord:ApiBaseUrl"] = discord.BaseUrl;
        world.Settings["IsItDown:Discord:GuildId"] = "700";
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "1";
        world.Settings["IsItDown:Monitor:LeaderLease"] = "00:00:03";
        world.Settings["IsItDown:Alerts:PollInterval"] = "00:00:00.200";
        world.Settings["IsItDown:Alerts:BatchSize"] = "10";
        world.Settings["IsItDown:Alerts:Concurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture);
        world.Settings["IsItDown:Alerts:SendTimeout"] = "00:00:05";
        world.Settings["IsItDown:Alerts:RetryAttempts"] = "0";
        world.Settings["IsItDown:Alerts:Lease"] = "00:00:06";

        // Slow enough per instance that the fan-out is still under way when one is killed.
        foreach (var platform in new[] { "telegram", "discord" })
        {
            world.Settings[$"IsItDown:Alerts:RateLimits:{platform}:Overall:0:Count"] = "20";
            world.Settings[$"IsItDown:Alerts:RateLimits:{platform}:Overall:0:Per"] = "00:00:01";
        }

        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
    }

    private static async Task WaitUntilSettledAsync(TestPostgres database)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await database.QueryAsync("SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL;"))[0] != "0")
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}
