using System.Text.Json.Nodes;
using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Logging;

/// <summary>The log's destination and format are configuration only: the Serilog section, nothing in code.</summary>
public sealed class LogConfigurationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Run_WithACompactJsonFileSinkConfigured_WritesStructuredEventsToTheFile()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        var file = Path.Combine(Path.GetTempPath(), $"isitdown-log-{Guid.NewGuid():N}.json");
        try
        {
            await using (var bot = await RunningBot.StartAsync(world, settings =>
            {
                settings["Serilog:MinimumLevel:Default"] = "Debug";
                settings["Serilog:WriteTo:0:Name"] = "File";
                settings["Serilog:WriteTo:0:Args:path"] = file;
                settings["Serilog:WriteTo:0:Args:formatter"] = "Serilog.Formatting.Compact.CompactJsonFormatter, Serilog.Formatting.Compact";
                settings["IsItDown:Monitor:FailureThreshold"] = "1";
                settings["IsItDown:Monitor:AlwaysWatch:0"] = "flaky";
            }))
            {
                var declared = await WaitForEventAsync(file, e => (string?)e["@mt"] == "{Service} declared {Transition} ({CauseCode}, closing incident {Incident})");
                var checkedEvent = await WaitForEventAsync(file, e => (string?)e["@mt"] == "Checked {Service}: {Verdict}, {CauseCode}, in {ElapsedMs} ms");

                Assert.Equal("flaky", (string?)declared["Service"]);
                Assert.Equal("Down", (string?)declared["Transition"]);
                Assert.Equal("http-server-error", (string?)declared["CauseCode"]);
                Assert.Equal("flaky", (string?)checkedEvent["Service"]);
                Assert.Equal("Down", (string?)checkedEvent["Verdict"]);
                Assert.Equal("IsItDownBot.Core.Monitoring.OutageMonitor", (string?)declared["SourceContext"]);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Polls the file (the sink holds it open for writing) until an event matches, with a deadline.</summary>
    private static async Task<JsonObject> WaitForEventAsync(string path, Func<JsonObject, bool> match)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            foreach (var line in await ReadLinesAsync(path))
            {
                if (JsonNode.Parse(line) is JsonObject logEvent && match(logEvent))
                {
                    return logEvent;
                }
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"No matching event in {path} within {Patience}:\n" + string.Join('\n', await ReadLinesAsync(path)));
            }

            await Task.Delay(100);
        }
    }

    internal static async Task<IReadOnlyList<string>> ReadLinesAsync(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync();

        // A line still being written has no newline yet: only whole lines are events.
        var end = text.LastIndexOf('\n');
        return end < 0 ? [] : text[..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
