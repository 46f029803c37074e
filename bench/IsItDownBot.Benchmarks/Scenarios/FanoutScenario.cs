using System.Diagnostics;
using System.Globalization;
using IsItDownBot.Benchmarks.Fakes;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Scenario 4: one outage alert to 10,000 Telegram chats and 10,000 Discord channels, through <c>run</c> itself
/// (the Release executable): its monitor declares the service down, queues the alerts in the outbox, and its
/// dispatcher delivers them to fake platforms that enforce their limits and answer 429 beyond them. The limits
/// are higher than the real ones (configurable: --telegram-rate=N --discord-rate=N; --batch-size=N sets IsItDown:Alerts:BatchSize) to keep the run short; the
/// bot is configured with the same limits, and the result is the delivery rate as a share of them.
/// </summary>
internal static class FanoutScenario
{
    public const string Name = "4. Fan-out";
    private const int ChannelsPerPlatform = 10_000;
    private const double Goal = 0.95;
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    public static async Task RunAsync(Results results)
    {
        var telegramRate = Option("--telegram-rate=", 200);
        var discordRate = Option("--discord-rate=", 250);

        // Telegram: overall, and one message a second per chat. Discord: global, and 5 per 5 s per channel.
        await using var telegram = await RateLimitedTelegram.StartAsync(new RateLimitedPlatform(telegramRate, Second, 1, Second));
        await using var discord = await RateLimitedDiscord.StartAsync(new RateLimitedPlatform(discordRate, Second, 5, TimeSpan.FromSeconds(5)));
        await using var world = await SlowWorld.StartAsync([new ServiceShape("outage", "Outage", null, 1)], LoopbackHttpsServer.Respond(503));
        using var database = await BenchDatabase.CreateAsync();
        database.Subscribe(Enumerable.Range(0, ChannelsPerPlatform).SelectMany(i => new[]
        {
            ("telegram", (1_000_000 + i).ToString(CultureInfo.InvariantCulture), "outage"),
            ("discord", (900_000_000_000_000_000L + i).ToString(CultureInfo.InvariantCulture), "outage"),
        }));

        var settings = world.Settings;
        settings["IsItDown:Storage:Path"] = database.Path;
        settings["IsItDown:Monitor:Interval"] = "00:10:00";
        settings["IsItDown:Monitor:FailureThreshold"] = "1";
        settings["IsItDown:Alerts:PollInterval"] = "00:00:00.200";
        settings["IsItDown:Alerts:BatchSize"] = Option("--batch-size=", 100).ToString(CultureInfo.InvariantCulture);
        settings["IsItDown:Alerts:RateLimits:telegram:Overall:0:Count"] = telegramRate.ToString(CultureInfo.InvariantCulture);
        settings["IsItDown:Alerts:RateLimits:telegram:Overall:0:Per"] = "00:00:01";
        settings["IsItDown:Alerts:RateLimits:telegram:PerChannel:0:Count"] = "1";
        settings["IsItDown:Alerts:RateLimits:telegram:PerChannel:0:Per"] = "00:00:01";
        settings["IsItDown:Alerts:RateLimits:discord:Overall:0:Count"] = discordRate.ToString(CultureInfo.InvariantCulture);
        settings["IsItDown:Alerts:RateLimits:discord:Overall:0:Per"] = "00:00:01";
        settings["IsItDown:Alerts:RateLimits:discord:PerChannel:0:Count"] = "5";
        settings["IsItDown:Alerts:RateLimits:discord:PerChannel:0:Per"] = "00:00:05";
        settings["IsItDown:Telegram:BotToken"] = RateLimitedTelegram.Token;
        settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        settings["IsItDown:Discord:BotToken"] = RateLimitedDiscord.Token;
        settings["IsItDown:Discord:ApiBaseUrl"] = discord.BaseUrl;
        settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        settings["Serilog:MinimumLevel:Default"] = Environment.GetCommandLineArgs().Contains("--verbose") ? "Information" : "Error";
        var config = BotProcess.WriteConfig(world.World.ToJson());
        try
        {
            using var bot = BotProcess.Start("run", "--config", config);
            var started = Stopwatch.GetTimestamp();

            // Twice the time the limits need, plus start-up: a bot that falls far behind is reported, not waited for.
            var deadline = TimeSpan.FromSeconds((ChannelsPerPlatform * 2.0 / Math.Min(telegramRate, discordRate)) + 60);
            if (Environment.GetCommandLineArgs().Contains("--quick"))
            {
                deadline = TimeSpan.FromSeconds(15);
            }

            while (Stopwatch.GetElapsedTime(started) < deadline
                && (telegram.Limits.Read().Channels < ChannelsPerPlatform || discord.Limits.Read().Channels < ChannelsPerPlatform))
            {
                await Task.Delay(250);
            }

            // A moment more: a duplicate would arrive after the last first delivery.
            await Task.Delay(TimeSpan.FromSeconds(3));
            await bot.StopAsync(TimeSpan.FromSeconds(40));
            if (telegram.Limits.Read().Accepted == 0 || discord.Limits.Read().Accepted == 0)
            {
                Console.WriteLine("The bot delivered nothing to a platform; its last lines:");
                bot.Lines.TakeLast(40).Select(line => line.Length > 600 ? line[..600] : line).ToList().ForEach(Console.WriteLine);
            }

            Report(results, "Telegram", "telegram", telegram.Limits, database);
            Report(results, "Discord", "discord", discord.Limits, database);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private static void Report(Results results, string label, string platform, RateLimitedPlatform limits, BenchDatabase database)
    {
        var ledger = limits.Read();
        var seconds = ledger.Span.TotalSeconds;

        // The first window's worth goes out at once, as the bucket allows; the rate after it is the sustained one.
        var sustained = seconds > 0 ? (ledger.Accepted - limits.OverallCapacity) / seconds : 0;
        var ratio = sustained / limits.OverallPerSecond;
        var delivered = database.Count($"SELECT COUNT(*) FROM outbox WHERE platform = '{platform}' AND delivered_at IS NOT NULL");
        var once = ledger.Channels == ChannelsPerPlatform && ledger.Duplicated == 0 && ledger.Accepted == ChannelsPerPlatform;

        results.Add(Name, $"{label}: enforced limit (bot configured alike)", $"{Format.Number(limits.OverallPerSecond)}/s overall, burst {limits.OverallCapacity}");
        results.Add(Name, $"{label}: alerts accepted / channels reached / duplicated", $"{Format.Count(ledger.Accepted)} / {Format.Count(ledger.Channels)} / {ledger.Duplicated}", "10,000 / 10,000 / 0", once);
        results.Add(Name, $"{label}: marked delivered in the outbox", Format.Count(delivered), "10,000", delivered == ChannelsPerPlatform);
        results.Add(Name, $"{label}: first to last delivery", Format.Number(seconds, "0.00") + " s");
        results.Add(Name, $"{label}: sustained rate after the first burst", $"{Format.Number(sustained, "0.0")}/s = {Format.Percent(ratio)} of the limit", "≥ 95 %", ratio >= Goal);
        results.Add(Name, $"{label}: 429 answers", Format.Count(limits.TooManyRequests), "0", limits.TooManyRequests == 0);
    }

    private static int Option(string prefix, int fallback) =>
        Environment.GetCommandLineArgs().FirstOrDefault(arg => arg.StartsWith(prefix, StringComparison.Ordinal)) is { } arg
            ? int.Parse(arg[prefix.Length..], CultureInfo.InvariantCulture)
            : fallback;
}
