using System.Text.Json.Nodes;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using IsItDownBot.Tests.Discord;

namespace IsItDownBot.Tests.Logging;

/// <summary>
/// Both platforms' tokens, at the most verbose level, through a question on each and an error on each: not one
/// log line, console or file, and nothing on standard output or error, may contain either token.
/// </summary>
public sealed class TokenLoggingTests
{
    private static readonly string TelegramToken = TestTokens.Telegram();
    private static readonly string DiscordToken = TestTokens.Discord();

    [Fact]
    public async Task Run_AtVerboseLevel_WithBothTokens_NeverWritesEitherToken()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await using var telegram = await FakeTelegramBotApi.StartAsync(token: TelegramToken);
        await using var rest = await FakeDiscordRest.StartAsync(token: DiscordToken);
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        rest.GatewayUrl = gateway.Url;

        var database = Path.Combine(Path.GetTempPath(), $"isitdown-tokens-{Guid.NewGuid():N}.db");
        var logFile = Path.Combine(Path.GetTempPath(), $"isitdown-tokens-{Guid.NewGuid():N}.json");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
        world.Settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        world.Settings["IsItDown:Telegram:PollTimeout"] = "00:00:01";
        world.Settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
        world.Settings["IsItDown:Discord:GuildId"] = "700";
        world.Settings["Serilog:MinimumLevel:Default"] = "Verbose";
        world.Settings["Serilog:MinimumLevel:Override:Microsoft"] = "Verbose";
        world.Settings["Serilog:MinimumLevel:Override:System"] = "Verbose";
        world.Settings["Serilog:WriteTo:0:Name"] = "Console";
        world.Settings["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose";
        world.Settings["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.RenderedCompactJsonFormatter, Serilog.Formatting.Compact";
        world.Settings["Serilog:WriteTo:1:Name"] = "File";
        world.Settings["Serilog:WriteTo:1:Args:path"] = logFile;
        using var config = TempConfig.FromJson(world.ToJson());

        IReadOnlyList<string> lines;
        using (var bot = ExecutableProcess.Start(
            ["run", "--config", config.Path],
            ("IsItDown__Telegram__BotToken", TelegramToken),
            ("IsItDown__Discord__BotToken", DiscordToken)))
        {
            // A question on each platform.
            telegram.EnqueueMessage(1001, "is flaky down?");
            await telegram.WaitForSentAsync(call => call.ChatId == 1001);
            await rest.WaitForCallAsync(call => call.Method == "PUT" && call.Path.Contains("/commands", StringComparison.Ordinal));
            await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky"));
            await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.EndsWith("/messages/@original", StringComparison.Ordinal));

            // An error on each, with the token echoed in the error body as a careless proxy would.
            telegram.FailNext(3, 502, rawBody: $"<html>bad gateway for /bot{TelegramToken}/getUpdates</html>");
            await bot.WaitForLineAsync(line => line.Contains("\"LogPollFailed\"", StringComparison.Ordinal));
            rest.FailNext(5, 500, rawBody: $"{{\"message\": \"internal error for Bot {DiscordToken}\", \"code\": 0}}");
            await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky"));
            await bot.WaitForLineAsync(line => line.Contains("\"LogAnswerFailed\"", StringComparison.Ordinal));

            bot.Terminate();
            await bot.WaitForExitAsync();
            lines = bot.Lines;
        }

        var fileLines = await LogConfigurationTests.ReadLinesAsync(logFile);
        try
        {
            Assert.NotEmpty(fileLines);
            Assert.Contains(lines, line => line.Contains("\"LogConnected\"", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("Discord gateway: session", StringComparison.Ordinal));
            Assert.Contains(lines, line => line.Contains("[bot token]", StringComparison.Ordinal));

            // The console sink was switched to JSON by configuration alone: every line it wrote is an event.
            Assert.All(lines, line => Assert.NotNull(JsonNode.Parse(line)?["@t"]));

            // Answers carry the service, the platform and the channel as properties, not only in the text.
            var answered = lines.Select(line => JsonNode.Parse(line)!).Where(e => ((string?)e["EventId"]?["Name"]) == "LogAnswered").ToList();
            Assert.Contains(answered, e => (string?)e["Platform"] == "telegram" && (long?)e["Channel"] == 1001 && (string?)e["Service"] == "flaky");
            Assert.Contains(answered, e => (string?)e["Platform"] == "discord" && (string?)e["Channel"] == "800" && (string?)e["Service"] == "flaky");
            foreach (var secret in new[] { TelegramToken, DiscordToken, TelegramToken[(TelegramToken.IndexOf(':', StringComparison.Ordinal) + 1)..], DiscordToken[(DiscordToken.IndexOf('.', StringComparison.Ordinal) + 1)..] })
            {
                Assert.DoesNotContain(lines, line => line.Contains(secret, StringComparison.Ordinal));
                Assert.DoesNotContain(fileLines, line => line.Contains(secret, StringComparison.Ordinal));
            }
        }
        finally
        {
            File.Delete(logFile);
            File.Delete(database);
        }
    }
}
