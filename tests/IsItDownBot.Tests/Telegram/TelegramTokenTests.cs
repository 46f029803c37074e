using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Telegram;

/// <summary>The token is in every Bot API URL: it must never reach a log line or an error message.</summary>
public sealed class TelegramTokenTests
{
    [Fact]
    public async Task Run_WhenTheBotApiFails_LogsTheFailureButNeverTheToken()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync(token: TestTokens.Telegram());
        telegram.FailFor(TimeSpan.FromMinutes(5), 502, rawBody: $"<html>proxy error for /bot{telegram.Token}/getMe</html>");
        world.Settings["Serilog:MinimumLevel:Default"] = "Debug";
        world.Settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Storage:Path"] = Path.Combine(Path.GetTempPath(), $"isitdown-token-{Guid.NewGuid():N}.db");
        using var config = TempConfig.FromJson(world.ToJson());

        using (var bot = ExecutableProcess.Start(["run", "--config", config.Path], ("IsItDown__Telegram__BotToken", telegram.Token)))
        {
            await bot.WaitForLineAsync(line => line.Contains("Telegram: the Bot API failed", StringComparison.Ordinal));
            await telegram.WaitForCallAsync(_ => telegram.Calls.Count >= 3);
            // The secret half alone is a leak too: a log that only dropped the bot id would still give it away.
            var secret = telegram.Token[(telegram.Token.IndexOf(':', StringComparison.Ordinal) + 1)..];
            Assert.DoesNotContain(bot.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }

        File.Delete(world.Settings["IsItDown:Storage:Path"]!);
    }

    [Fact]
    public async Task Run_WithAMalformedToken_NamesTheKeyWithoutRepeatingTheToken()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Telegram": { "BotToken": "my secret token" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Telegram:BotToken does not look like a token", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("my secret token", run.Error, StringComparison.Ordinal);
    }
}
