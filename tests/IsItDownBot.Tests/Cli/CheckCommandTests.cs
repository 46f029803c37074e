using System.Text.Json.Nodes;
using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Cli;

/// <summary>The executable end to end, against a loopback world written to a configuration file.</summary>
public sealed class CheckCommandTests
{
    [Fact]
    public async Task Check_WithJson_PrintsTheDocumentedShape()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("facebook", "Facebook", LoopbackHttpsServer.Respond(503), "meta");
        world.Settings["IsItDown:Services:facebook:Aliases:0"] = "fb";
        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("check", "fb", "--json", "--config", config.Path);

        Assert.Equal(1, run.ExitCode);
        var json = JsonNode.Parse(run.Out)!.AsObject();
        Assert.Equal("facebook", (string?)json["service"]);
        Assert.Equal("Facebook", (string?)json["name"]);
        Assert.Equal("down", (string?)json["verdict"]);
        Assert.Equal("http-server-error", (string?)json["cause"]!["code"]);
        Assert.Equal("Facebook's servers answer 503", (string?)json["cause"]!["summary"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["cause"]!["explanation"]));
        Assert.True(DateTimeOffset.TryParse((string?)json["checkedAt"], System.Globalization.CultureInfo.InvariantCulture, out _));
        var http = json["probes"]!.AsArray().Single(probe => (string?)probe!["kind"] == "http" && ((string?)probe["endpoint"])!.Contains("facebook", StringComparison.Ordinal))!;
        Assert.Equal(web.UriFor("www.facebook.test").ToString(), (string?)http["endpoint"]);
        Assert.False((bool)http["ok"]!);
        Assert.True((double)http["latencyMs"]! >= 0);
        Assert.StartsWith("503", (string?)http["detail"], StringComparison.Ordinal);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Check_OfSeveralServices_PrintsAnArrayAndNotesAGroupWideOutage()
    {
        await using var world = await LoopbackWorld.StartAsync();
        foreach (var (id, name) in new[] { ("facebook", "Facebook"), ("instagram", "Instagram"), ("whatsapp", "WhatsApp") })
        {
            var host = $"www.{id}.test";
            var server = await world.StartHttpsAsync(host, LoopbackHttpsServer.Respond(503));
            world.AddService(id, name, $"{id}.test", "meta", server.UriFor(host));
        }

        world.Settings["IsItDown:Groups:meta"] = "Meta";
        using var config = TempConfig.FromJson(world.ToJson());

        var json = await CliRun.InvokeAsync("check", "facebook", "instagram", "whatsapp", "--json", "--config", config.Path);
        var human = await CliRun.InvokeAsync("check", "facebook", "instagram", "whatsapp", "--config", config.Path);

        Assert.Equal(3, JsonNode.Parse(json.Out)!.AsArray().Count);
        Assert.Equal(1, human.ExitCode);
        Assert.Contains("DOWN Facebook is down (high confidence)\nMeta-wide outage — Facebook's servers answer 503", human.Out, StringComparison.Ordinal);
        Assert.Contains("looks like a Meta-wide problem", human.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenUp_ExitsZeroAndSaysInOneLineThatEveryLayerOfTheEndpointPassed()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));
        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("check", "fine", "--lang", "en", "--config", config.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(
            """
            UP Fine is up (high confidence)
            It's up from here
            """,
            run.Out.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
        Assert.Contains(
            """
              www.fine.test  all fine: DNS, TCP, TLS, HTTP 200
            Checked at
            """,
            run.Out.ReplaceLineEndings("\n"),
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenUpWithVerbose_ExitsZeroAndShowsTheProbeTable()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));
        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("check", "fine", "--verbose", "--config", config.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("UP Fine is up (high confidence)\nIt's up from here", run.Out, StringComparison.Ordinal);
        Assert.Contains("200 OK", run.Out, StringComparison.Ordinal);
        Assert.Contains("certificate valid until", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheBotsNetworkIsDown_ExitsThree()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.AddService("lonely", "Lonely", "lonely.test", null, new Uri("https://www.lonely.test/"));
        foreach (var resolver in world.Resolvers)
        {
            resolver.SetBehaviour("test", DnsBehaviour.ServFail);
        }

        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("check", "lonely", "--config", config.Path);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("UNKNOWN Lonely can't be checked right now\nCan't tell: the bot's own network is down", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_ChecksEveryCatalogServiceOneLineEach()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var up = await world.StartHttpsAsync("www.alpha.test", LoopbackHttpsServer.Respond(200));
        var down = await world.StartHttpsAsync("www.beta.test", LoopbackHttpsServer.Respond(500));
        world.AddService("alpha", "Alpha", "alpha.test", null, up.UriFor("www.alpha.test"));
        world.AddService("beta", "Beta", "beta.test", null, down.UriFor("www.beta.test"));
        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("status", "--config", config.Path);

        Assert.Equal(1, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains(lines, line => line.Contains("Alpha", StringComparison.Ordinal) && line.Contains("UP", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("Beta", StringComparison.Ordinal) && line.Contains("DOWN", StringComparison.Ordinal) && line.Contains("answer 500", StringComparison.Ordinal));
        Assert.Equal(1, up.RequestCount);
        Assert.Equal(1, down.RequestCount);
    }
}
