using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Discord;
using IsItDownBot.Tests.Health;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// The real host on both platforms' fakes, watching one loopback service the test can break, with its log written
/// to a file the test reads: the stage of every fault test. Retries and backoffs are the product's own code paths,
/// with their durations configured short (seconds instead of minutes) so a fault "for minutes" takes seconds here.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string TelegramChat = "5001";
    public const string DiscordChannel = "6001";

    // Where questions are asked: not the subscribed channels, so their answers never count as alerts.
    public const long AskingChat = 1001;
    public const string AskingChannel = "800";

    private readonly string _logFile;
    private int _healthy = 1;

    private FaultRig(LoopbackWorld world, FakeTelegramBotApi telegram, FakeDiscordRest rest, FakeDiscordGateway gateway, string logFile)
    {
        World = world;
        Telegram = telegram;
        Rest = rest;
        Gateway = gateway;
        _logFile = logFile;
    }

    public LoopbackWorld World { get; }

    public FakeTelegramBotApi Telegram { get; }

    public FakeDiscordRest Rest { get; }

    public FakeDiscordGateway Gateway { get; }

    public RunningBot Bot { get; private set; } = null!;

    public HealthClient Health { get; private set; } = null!;

    public IBotStore Store => Bot.Host.Services.GetRequiredService<IBotStore>();

    /// <summary>The watched service "flaky" answers 200 while true, 503 while false.</summary>
    public bool FlakyHealthy
    {
        get => Volatile.Read(ref _healthy) == 1;
        set => Volatile.Write(ref _healthy, value ? 1 : 0);
    }

    public static ChannelRef TelegramChannel(string id = TelegramChat) => new("telegram", id);

    public static ChannelRef DiscordChannelRef(string id = DiscordChannel) => new("discord", id);

    public static async Task<FaultRig> StartAsync(
        Action<LoopbackWorld>? prepare = null,
        Action<IDictionary<string, string?>>? configure = null,
        Action<IServiceCollection>? configureServices = null)
    {
        var world = await LoopbackWorld.StartAsync();
        var telegram = await FakeTelegramBotApi.StartAsync();
        var rest = await FakeDiscordRest.StartAsync();
        var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        var rig = new FaultRig(world, telegram, rest, gateway, Path.Combine(Path.GetTempPath(), $"isitdown-fault-{Guid.NewGuid():N}.log"));
        await world.StartServiceAsync("flaky", "Flaky", context =>
        {
            context.Response.StatusCode = rig.FlakyHealthy ? 200 : 503;
            return Task.CompletedTask;
        });
        prepare?.Invoke(world);
        rest.GatewayUrl = gateway.Url;
        rig.Bot = await RunningBot.StartAsync(world, settings =>
        {
            settings["IsItDown:Telegram:BotToken"] = telegram.Token;
            settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
            settings["IsItDown:Telegram:PollTimeout"] = "00:00:01";
            settings["IsItDown:Discord:BotToken"] = rest.Token;
            settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
            settings["IsItDown:Discord:GuildId"] = "700";
            settings["IsItDown:Monitor:FailureThreshold"] = "1";
            settings["IsItDown:Monitor:SuccessThreshold"] = "1";
            settings["IsItDown:Alerts:RetryDelay"] = "00:00:00.100";
            settings["IsItDown:Alerts:MaxBackoff"] = "00:00:01";
            settings["IsItDown:Alerts:LogAlerts"] = "false";
            settings["Serilog:MinimumLevel:Default"] = "Information";
            settings["Serilog:WriteTo:0:Name"] = "File";
            settings["Serilog:WriteTo:0:Args:path"] = rig._logFile;
            configure?.Invoke(settings);
        }, configureServices);
        rig.Health = new HealthClient(rig.Bot.HealthAddress);
        return rig;
    }

    public async Task SubscribeAsync(string service, params ChannelRef[] channels)
    {
        var subscriptions = Bot.Host.Services.GetRequiredService<SubscriptionService>();
        foreach (var channel in channels)
        {
            await subscriptions.SubscribeAsync(channel, service, "admin", permitted: true);
        }
    }

    /// <summary>Every line the bot has logged so far (the file sink writes each event through).</summary>
    public IReadOnlyList<string> LogLines()
    {
        if (!File.Exists(_logFile))
        {
            return [];
        }

        using var stream = new FileStream(_logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Split('\n');
    }

    public Task<string> WaitForLogAsync(string contains) =>
        Poll(
            () => LogLines().FirstOrDefault(line => line.Contains(contains, StringComparison.Ordinal)),
            () => $"a log line with '{contains}'; the log ends:\n{string.Join('\n', LogLines().TakeLast(40))}");

    /// <summary>Waits for /readyz to answer 503 with <paramref name="check"/> not ready; returns that check's reason.</summary>
    public async Task<string> WaitForNotReadyAsync(string check)
    {
        var (status, body) = await Health.WaitForAsync("/readyz", (code, text) => Readiness(code, text, check) == false);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        return (string?)Check(body, check)["reason"] ?? "";
    }

    public async Task WaitForReadyAsync()
    {
        var (status, body) = await Health.WaitForAsync("/readyz", (code, _) => code == HttpStatusCode.OK);
        Assert.All(JsonNode.Parse(body)!["checks"]!.AsArray(), check => Assert.True((bool)check!["ready"]!));
        Assert.Equal(HttpStatusCode.OK, status);
    }

    /// <summary>Asks on Telegram, from a chat of its own, and returns the answer's text.</summary>
    public async Task<string> AskOnTelegramAsync(string question, long chat = AskingChat)
    {
        var before = Telegram.Sent(chat).Count;
        Telegram.EnqueueMessage(chat, question);
        try
        {
            var answer = await Telegram.WaitForSentAsync(call => call.ChatId == chat && Telegram.Sent(chat).Count > before, TimeSpan.FromSeconds(60));
            return answer.Text ?? "";
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException($"{exception.Message}\nThe bot's warnings and errors:\n{Troubles()}", exception);
        }
    }

    /// <summary>The bot's warning and error lines so far, with their exceptions: what a failing test should show.</summary>
    public string Troubles() =>
        string.Join('\n', LogLines().Where(line => line.Contains("[WRN]", StringComparison.Ordinal) || line.Contains("[ERR]", StringComparison.Ordinal)
            || line.Contains("Exception", StringComparison.Ordinal) || line.StartsWith("   at ", StringComparison.Ordinal)));

    /// <summary>Asks on Discord with /isitdown and returns the edited answer's JSON.</summary>
    public async Task<string> AskOnDiscordAsync(string service)
    {
        var interaction = DiscordBot.Command("isitdown", service, channel: AskingChannel);
        var token = (string)interaction["token"]!;
        await Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        var answer = await Rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.Contains(token, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return answer.Body?.ToJsonString() ?? "";
    }

    /// <summary>Waits until the outbox holds no alert waiting for delivery: after that, nothing more can be sent.</summary>
    public Task WaitForOutboxDrainedAsync() =>
        PollAsync(async () => await Store.PendingAlertCountAsync() == 0 ? "drained" : null, "an empty outbox");

    /// <summary>Alerts that reached the chat: sendMessage calls Telegram accepted.</summary>
    public int TelegramAlerts(string chat = TelegramChat, string contains = "is down") =>
        Telegram.Sent(long.Parse(chat, CultureInfo.InvariantCulture)).Count(call => call.Text?.Contains(contains, StringComparison.Ordinal) == true);

    /// <summary>Alerts that reached the channel: messages Discord created (a repeated nonce creates none).</summary>
    public int DiscordAlerts(string channel = DiscordChannel) => Rest.Messages(channel).Count;

    public static Task<T> Poll<T>(Func<T?> probe, string what)
        where T : class => PollAsync(() => Task.FromResult(probe()), () => what);

    public static Task<T> Poll<T>(Func<T?> probe, Func<string> what)
        where T : class => PollAsync(() => Task.FromResult(probe()), what);

    public static Task<T> PollAsync<T>(Func<Task<T?>> probe, string what)
        where T : class => PollAsync(probe, () => what);

    /// <summary>Polls with a deadline until <paramref name="probe"/> finds something, and returns it.</summary>
    public static async Task<T> PollAsync<T>(Func<Task<T?>> probe, Func<string> what)
        where T : class
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited 60 s for {what()}.");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Health?.Dispose();
        if (Bot is not null)
        {
            await Bot.DisposeAsync();
        }

        await Gateway.DisposeAsync();
        await Rest.DisposeAsync();
        await Telegram.DisposeAsync();
        await World.DisposeAsync();
        File.Delete(_logFile);
    }

    private static JsonNode Check(string body, string name) =>
        JsonNode.Parse(body)!["checks"]!.AsArray().Single(check => (string?)check!["name"] == name)!;

    private bool? Readiness(HttpStatusCode status, string body, string name)
    {
        JsonNode report;
        try
        {
            report = JsonNode.Parse(body)!;
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"/readyz answered {(int)status} with a body that is not its JSON report: '{body}'\nThe bot's warnings and errors:\n{Troubles()}", exception);
        }

        return report["checks"]!.AsArray().FirstOrDefault(check => (string?)check!["name"] == name) is { } check ? (bool)check["ready"]! : null;
    }
}
