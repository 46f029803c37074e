using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Cli;

/// <summary>
/// The executable reads user secrets between its configuration file and the environment, so a developer's tokens
/// never have to be written in a file of the repository.
/// </summary>
public sealed class UserSecretsTests
{
    [Fact]
    public async Task Run_WithTheTelegramTokenOnlyInUserSecrets_ConnectsToTelegram()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-secrets-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        using var config = TempConfig.FromJson(world.ToJson());
        Assert.DoesNotContain("BotToken", File.ReadAllText(config.Path), StringComparison.Ordinal);
        using var secrets = TempUserSecrets.From(("IsItDown:Telegram:BotToken", telegram.Token));

        try
        {
            using var bot = ExecutableProcess.Start(["run", "--config", config.Path], secrets.Environment);
            await bot.WaitForLineAsync(line => line.Contains($"Telegram: connected as @{telegram.BotUsername}", StringComparison.Ordinal));
            bot.Terminate();
            Assert.Equal(0, await bot.WaitForExitAsync());
        }
        finally
        {
            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    [Fact]
    public async Task Check_ReadsUserSecretsOverTheFile_AndTheEnvironmentOverBoth()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("first", "First from the file", LoopbackHttpsServer.Respond(200));
        await world.StartServiceAsync("second", "Second from the file", LoopbackHttpsServer.Respond(200));
        using var config = TempConfig.FromJson(world.ToJson());
        using var secrets = TempUserSecrets.From(
            ("IsItDown:Services:first:Name", "First from the secrets"),
            ("IsItDown:Services:second:Name", "Second from the secrets"));

        using var check = ExecutableProcess.Start(
            ["check", "first", "second", "--lang", "en", "--config", config.Path],
            secrets.Environment,
            ("IsItDown__Services__second__Name", "Second from the environment"));

        Assert.True(await check.WaitForExitAsync() == 0, string.Join('\n', check.Lines));
        Assert.Contains("UP First from the secrets is up", check.Output, StringComparison.Ordinal);
        Assert.Contains("UP Second from the environment is up", check.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("from the file", check.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithBrokenUserSecrets_NamesTheSecretsFile()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "127.0.0.1" ] } } }""");
        using var secrets = TempUserSecrets.FromText("{ \"IsItDown:Telegram:BotToken\": ");

        using var check = ExecutableProcess.Start(["check", "example.org", "--config", config.Path], secrets.Environment);

        Assert.Equal(2, await check.WaitForExitAsync());
        Assert.Contains($"The configuration file '{secrets.FilePath}' is not valid JSON", string.Join('\n', check.Lines), StringComparison.Ordinal);
    }
}
