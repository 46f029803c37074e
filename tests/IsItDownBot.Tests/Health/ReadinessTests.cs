using System.Net;
using System.Text.Json.Nodes;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Telegram;

namespace IsItDownBot.Tests.Health;

/// <summary>/healthz and /readyz of the real host, with a fake Telegram and a fake Discord on loopback.</summary>
public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_IsUnavailableNamingDiscordUntilItsGatewayConnects_ThenReady()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);

        // rest.GatewayUrl is left at the fake's closed port: the Discord gateway cannot connect yet.
        await using var bot = await RunningBot.StartAsync(world, settings =>
        {
            settings["IsItDown:Telegram:BotToken"] = telegram.Token;
            settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
            settings["IsItDown:Telegram:PollTimeout"] = "00:00:01";
            settings["IsItDown:Discord:BotToken"] = rest.Token;
            settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
        });
        using var health = new HealthClient(bot.HealthAddress);

        var live = await health.GetAsync("/healthz");
        var (notReadyStatus, notReadyBody) = await health.WaitForAsync("/readyz", (_, body) => IsReady(body, "database") && IsReady(body, "telegram"));
        rest.GatewayUrl = gateway.Url;
        var (readyStatus, readyBody) = await health.WaitForAsync("/readyz", (status, _) => status == HttpStatusCode.OK);

        Assert.Equal((HttpStatusCode.OK, "ok"), live);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReadyStatus);
        var notReady = JsonNode.Parse(notReadyBody)!;
        Assert.False((bool)notReady["ready"]!);
        var discord = Check(notReadyBody, "discord");
        Assert.False((bool)discord["ready"]!);
        Assert.Contains("gateway", (string?)discord["reason"], StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, readyStatus);
        var checks = JsonNode.Parse(readyBody)!["checks"]!.AsArray();
        Assert.Equal(["database", "discord", "telegram"], checks.Select(check => (string?)check!["name"]).Order(StringComparer.Ordinal));
        Assert.All(checks, check => Assert.True((bool)check!["ready"]!));
    }

    [Fact]
    public async Task Readyz_WhileTheBotApiFails_NamesTelegram()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        telegram.FailFor(TimeSpan.FromMinutes(5), 502);
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        using var health = new HealthClient(bot.HealthAddress);

        var (status, body) = await health.WaitForAsync("/readyz", (_, text) => IsReady(text, "database"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        var check = Check(body, "telegram");
        Assert.False((bool)check["ready"]!);
        Assert.Contains("getUpdates", (string?)check["reason"], StringComparison.Ordinal);
    }

    private static JsonNode Check(string body, string name) =>
        JsonNode.Parse(body)!["checks"]!.AsArray().Single(check => (string?)check!["name"] == name)!;

    private static bool IsReady(string body, string name) =>
        JsonNode.Parse(body)!["checks"]!.AsArray().Any(check => (string?)check!["name"] == name && (bool)check["ready"]!);
}
