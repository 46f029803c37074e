using System.Text.Json.Nodes;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Storage;

/// <summary>
/// With no <c>IsItDown:Storage:Path</c>, <c>run</c> and <c>check</c> agree on one absolute file in the user's data
/// folder ($XDG_DATA_HOME here), wherever they are started from; <c>check</c> never creates it.
/// </summary>
public sealed class DefaultDatabasePathTests
{
    [Fact]
    public async Task RunAndCheck_WithoutAStoragePath_ShareTheDatabaseInTheUsersDataFolder()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "1";
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "flaky";
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        using var config = TempConfig.FromJson(world.ToJson());
        var dataHome = Path.Combine(Path.GetTempPath(), $"isitdown-data-home-{Guid.NewGuid():N}");
        var database = Path.Combine(dataHome, "isitdown", "isitdown.db");
        try
        {
            var (_, before) = await CheckAsync(config.Path, dataHome);
            Assert.False(Directory.Exists(dataHome), "check created the data folder");
            Assert.Null(DownSince(before));

            using (var bot = ExecutableProcess.Start(["run", "--config", config.Path], ("XDG_DATA_HOME", dataHome)))
            {
                var started = await bot.WaitForLineAsync(line => line.Contains("IsItDownBot is running", StringComparison.Ordinal));
                await bot.WaitForLineAsync(line => line.Contains("DOWN: Flaky is down since", StringComparison.Ordinal));
                bot.Terminate();
                Assert.Equal(0, await bot.WaitForExitAsync());
                Assert.Contains(database, started, StringComparison.Ordinal);
            }

            Assert.True(File.Exists(database), $"run kept no database at {database}");
            var (exitCode, after) = await CheckAsync(config.Path, dataHome);
            Assert.Equal(1, exitCode);
            Assert.NotNull(DownSince(after));
        }
        finally
        {
            if (Directory.Exists(dataHome))
            {
                Directory.Delete(dataHome, recursive: true);
            }
        }
    }

    private static string? DownSince(string json) => (string?)JsonNode.Parse(json)!["downSince"];

    private static async Task<(int ExitCode, string Output)> CheckAsync(string config, string dataHome)
    {
        using var check = ExecutableProcess.Start(["check", "flaky", "--json", "--config", config], ("XDG_DATA_HOME", dataHome));
        var exitCode = await check.WaitForExitAsync();
        return (exitCode, check.Output);
    }
}
