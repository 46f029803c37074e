using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Tests;

/// <summary><c>run</c> as an operator runs it: its own process, no token, alerts in the log, stopped by SIGTERM.</summary>
public sealed class RunCommandTests
{
    [Fact]
    public async Task Run_WithNoToken_MonitorsAndLogsTheAlertThenStopsCleanlyOnSigterm()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-run-{Guid.NewGuid():N}", "bot.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "1";
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "flaky";
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        using var config = TempConfig.FromJson(world.ToJson());

        using var bot = ExecutableProcess.Start("run", "--config", config.Path);
        var alert = await bot.WaitForLineAsync(line => line.Contains("DOWN: Flaky is down since", StringComparison.Ordinal));
        bot.Terminate();
        var exitCode = await bot.WaitForExitAsync();

        Assert.Contains("Flaky's servers answer 503", alert, StringComparison.Ordinal);
        Assert.Equal(0, exitCode);
        Assert.Contains(bot.Lines, line => line.Contains("No chat platform token is configured", StringComparison.Ordinal));
        Assert.Contains(bot.Lines, line => line.Contains("IsItDownBot stopped", StringComparison.Ordinal));
        Assert.Equal(1L, CountIncidents(database));
        Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
    }

    [Fact]
    public async Task Run_WithNoTokenWatchingTheWholeCatalog_LogsARoundLineBeforeTheFirstIntervalEnds()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await world.StartServiceAsync("steady", "Steady", LoopbackHttpsServer.Respond(200));
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-round-{Guid.NewGuid():N}", "bot.db");
        world.Settings["IsItDown:Storage:Path"] = database;

        // A round every ten minutes: a round line seen at all is the first round's, logged at start.
        world.Settings["IsItDown:Monitor:Interval"] = "00:10:00";
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "*";
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        using var config = TempConfig.FromJson(world.ToJson());

        using var bot = ExecutableProcess.Start("run", "--config", config.Path);
        var round = await bot.WaitForLineAsync(line => line.Contains("Round 1:", StringComparison.Ordinal));
        bot.Terminate();
        var exitCode = await bot.WaitForExitAsync();

        Assert.EndsWith("Round 1: 2 services, 1 up, 1 down; flaky down (http-server-error)", round, StringComparison.Ordinal);
        Assert.Contains(bot.Lines, line => line.Contains("2 services always watched besides subscriptions", StringComparison.Ordinal));
        Assert.Equal(0, exitCode);
        Directory.Delete(Path.GetDirectoryName(database)!, recursive: true);
    }

    [Fact]
    public async Task Run_OnADatabaseFromANewerBuild_StopsWithExitCodeTwoAndSaysWhatToDo()
    {
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-newer-{Guid.NewGuid():N}.db");
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE schema_migrations (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL);
                INSERT INTO schema_migrations VALUES (999, 'from a later release', 0);
                """;
            command.ExecuteNonQuery();
        }

        using var config = TempConfig.FromJson(new JsonObject
        {
            ["Serilog"] = new JsonObject { ["MinimumLevel"] = new JsonObject { ["Default"] = "Fatal" } },
            ["IsItDown"] = new JsonObject
            {
                ["Dns"] = new JsonObject { ["Resolvers"] = new JsonArray("system") },
                ["Storage"] = new JsonObject { ["Path"] = database },
                ["Health"] = new JsonObject { ["Urls"] = "http://127.0.0.1:0" },
            },
        });

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        File.Delete(database);
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Storage:Path", run.Error, StringComparison.Ordinal);
        Assert.Contains("schema version 999, but this build only knows up to", run.Error, StringComparison.Ordinal);
        Assert.Contains("Run a newer build or restore a backup.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithABrokenMonitorKey_StopsAtStartNamingTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Monitor": { "FailureThreshold": 0 } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Monitor:FailureThreshold", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAThresholdInWords_SaysAWholeNumberIsExpected()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Monitor": { "FailureThreshold": "two" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Monitor:FailureThreshold is 'two', which is not a whole number, e.g. 5.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WatchingAServiceNotInTheCatalog_StopsAtStartNamingIt()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Monitor": { "AlwaysWatch": [ "myspace" ] } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Monitor:AlwaysWatch:0: 'myspace' is not a service of the catalog", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithALeaseShorterThanADelivery_StopsAtStartExplaining()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Alerts": { "Lease": "00:01:00", "SendTimeout": "00:00:30" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Alerts:Lease (00:01:00) must be longer than the longest delivery", run.Error, StringComparison.Ordinal);
    }

    private static long CountIncidents(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM incidents WHERE service_id = 'flaky'";
        return (long)command.ExecuteScalar()!;
    }
}
