using System.Text.Json.Nodes;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Testing;
using Microsoft.Data.Sqlite;

namespace IsItDownBot.Tests.Cli;

/// <summary>When the bot's monitor has an open incident, an answer about the service says since when it is down.</summary>
public sealed class SinceWhenTests
{
    [Fact]
    public async Task Check_WhenTheMonitorHasAnOpenIncident_SaysSinceWhen()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("fivexx", "Fivexx", LoopbackHttpsServer.Respond(503));
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-since-{Guid.NewGuid():N}.db");
        var since = new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);
        await OpenIncidentAsync(database, "fivexx", since);
        world.Settings["IsItDown:Storage:Path"] = database;
        using var config = TempConfig.FromJson(world.ToJson());

        try
        {
            var human = await CliRun.InvokeAsync("check", "fivexx", "--config", config.Path);
            var json = await CliRun.InvokeAsync("check", "fivexx", "--json", "--config", config.Path);

            Assert.Contains("Down since 2021-10-04 15:40 UTC", human.Out, StringComparison.Ordinal);
            Assert.Equal(since, DateTimeOffset.Parse((string)JsonNode.Parse(json.Out)!["downSince"]!, System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(database);
        }
    }

    [Fact]
    public async Task Check_WithoutADatabase_DoesNotCreateOne()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-none-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        using var config = TempConfig.FromJson(world.ToJson());

        var json = await CliRun.InvokeAsync("check", "fine", "--json", "--config", config.Path);

        Assert.Null(JsonNode.Parse(json.Out)!["downSince"]);
        Assert.False(File.Exists(database));
    }

    private static async Task OpenIncidentAsync(string database, string serviceId, DateTimeOffset since)
    {
        using var store = new SqliteBotStore($"Data Source={database}", TimeProvider.System);
        await store.MigrateAsync();
        var service = new ServiceDefinition(serviceId, serviceId, [], null, serviceId + ".test", [new Uri($"https://www.{serviceId}.test/")], []);
        var transition = new Transition(service, TransitionKind.Down, since.AddMinutes(2), new Cause(CauseCodes.HttpServerError, new Phrase("answers 503", "answers 503"), new Phrase("e", "e")), since);
        await store.CommitRoundAsync(new RoundCommit([new ServiceState(serviceId, ServiceHealth.Down, 2, 0, null, since)], [transition], []));
    }
}
