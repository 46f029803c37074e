using System.Text.Json.Nodes;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Replay;

/// <summary><c>replay</c> on the command line: no token, no configuration file, loopback only.</summary>
public sealed class ReplayCommandTests
{
    [Fact]
    public async Task Replay_WithJson_PrintsEveryStepWithItsReportsAndAlerts()
    {
        var run = await CliRun.InvokeAsync("replay", "meta-2021-10-04", "--json", "--lang", "en");

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Error);
        var steps = JsonNode.Parse(run.Out)!.AsArray();
        Assert.Equal(4, steps.Count);
        Assert.Equal(
            ["2021-10-04T15:30:00.0000000+00:00", "2021-10-04T15:40:00.0000000+00:00", "2021-10-04T15:50:00.0000000+00:00", "2021-10-04T21:00:00.0000000+00:00"],
            steps.Select(step => (string?)step!["at"]));
        Assert.All(steps, step => Assert.False(string.IsNullOrWhiteSpace((string?)step!["description"])));
        Assert.Equal(
            ["ok", "http-server-error", "dns-authoritative-unreachable", "ok"],
            steps.Select(step => (string?)step!["reports"]![0]!["cause"]!["code"]));
        Assert.Equal("2021-10-04T15:40:00.0000000+00:00", (string?)steps[2]!["reports"]![0]!["downSince"]);
        Assert.Equal([0, 1, 0, 1], steps.Select(step => step!["alerts"]!.AsArray().Count));
        var down = steps[1]!["alerts"]![0]!;
        Assert.Equal("down", (string?)down["kind"]);
        Assert.Equal("Meta", (string?)down["group"]);
        Assert.Equal(["facebook", "instagram", "whatsapp"], down["services"]!.AsArray().Select(item => (string?)item!["service"]));
        var up = steps[3]!["alerts"]![0]!;
        Assert.Equal("up", (string?)up["kind"]);
        Assert.Equal(320, (double)up["services"]![0]!["downForMinutes"]!);
        Assert.Contains("- Facebook: down for 5 h 20 min", (string?)up["text"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_InTheTerminal_ShowsEachStepTheAnswerAndTheAlerts()
    {
        var run = await CliRun.InvokeAsync("replay", "meta-2021-10-04", "--lang", "en");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Facebook, Instagram and WhatsApp vanish from the internet (4 October 2021)", run.Out, StringComparison.Ordinal);
        Assert.Contains("2021-10-04 15:40 UTC The backbone goes down", run.Out, StringComparison.Ordinal);
        Assert.Contains("DOWN Facebook is down (high confidence)\nMeta-wide outage — Facebook's servers answer 503", run.Out, StringComparison.Ordinal);
        Assert.Contains("  DOWN: Facebook, Instagram and WhatsApp are down (Meta-wide problem?)", run.Out, StringComparison.Ordinal);
        Assert.Contains("have been withdrawn from the internet", run.Out, StringComparison.Ordinal);
        Assert.Contains("Down since 2021-10-04 15:40 UTC (10 min)", run.Out, StringComparison.Ordinal);
        // The whole output on failure: the recovery step is the last, and its reason would be cut off.
        Assert.True(
            run.Out.Contains("  BACK UP: Facebook, Instagram and WhatsApp are back up.\n  - Facebook: down for 5 h 20 min", StringComparison.Ordinal),
            run.Out);
        Assert.Equal(2, run.Out.Split("No alert sent.").Length - 1);
    }

    [Fact]
    public async Task Replay_InFrench_SpeaksFrenchThroughout()
    {
        var run = await CliRun.InvokeAsync("replay", "expired-certificate", "--lang", "fr");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Le certificat de Spotify expire à minuit", run.Out, StringComparison.Ordinal);
        Assert.Contains("Un exemple fictif, pas une vraie panne", run.Out, StringComparison.Ordinal);
        Assert.Contains("jour 2, 00:10 Minuit est passé", run.Out, StringComparison.Ordinal);
        Assert.Contains("Ce que le bot répond :", run.Out, StringComparison.Ordinal);
        Assert.Contains("  EN PANNE : Spotify est en panne depuis le 2030-01-02 00:10 UTC.", run.Out, StringComparison.Ordinal);
        Assert.Contains("  RÉTABLI : Spotify fonctionne de nouveau après 1 h 20 min.", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("What the bot answers", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OfADegradedStep_SaysWhyNoAlertWasSent()
    {
        var run = await CliRun.InvokeAsync("replay", "partial-outage", "--lang", "en");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("DEGRADED GitHub", run.Out, StringComparison.Ordinal);
        Assert.Contains("Partly down: api.github.test fails", run.Out, StringComparison.Ordinal);
        Assert.Equal(1, run.Out.Split("No alert sent: alerts are for outages, and a degraded service still works.").Length - 1);
        Assert.Equal(2, run.Out.Split("No alert sent.\n").Length - 1);
    }

    [Theory]
    [InlineData("replay", "--list")]
    [InlineData("replay")]
    public async Task Replay_List_NamesEveryScenarioWithItsTitle(params string[] args)
    {
        var run = await CliRun.InvokeAsync([.. args, "--lang", "en"]);

        Assert.Equal(0, run.ExitCode);
        foreach (var id in new[] { "meta-2021-10-04", "expired-certificate", "regional-resolver-failure", "partial-outage", "status-page-incident" })
            Assert.Contains(id, run.Out, StringComparison.Ordinal);

        Assert.Contains("Spotify's certificate expires at midnight", run.Out, StringComparison.Ordinal);
        var meta = Assert.Single(run.Out.Split('\n'), line => line.Contains("meta-2021-10-04", StringComparison.Ordinal));
        Assert.Contains("real outage, 2021-10-04 15:30 UTC", meta, StringComparison.Ordinal);
        var lame = Assert.Single(run.Out.Split('\n'), line => line.Contains("lame-delegation", StringComparison.Ordinal));
        Assert.Contains("illustrative", lame, StringComparison.Ordinal);
        Assert.DoesNotContain("20", lame.Split("illustrative")[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OfAnIllustrativeScenario_SaysSoAndShowsNoDate()
    {
        var run = await CliRun.InvokeAsync("replay", "lame-delegation", "--lang", "en");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("An illustrative story, not a real outage", run.Out, StringComparison.Ordinal);
        Assert.Contains("day 1, 18:20 The registry now points at the new name servers", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("2023-03-14", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_OfAnUnknownScenario_IsAUsageErrorListingTheKnownOnes()
    {
        var run = await CliRun.InvokeAsync("replay", "yahoo-2013");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "Unknown scenario 'yahoo-2013'. Known scenarios: meta-2021-10-04, expired-certificate, regional-resolver-failure, partial-outage, status-page-incident, lame-delegation.\n",
            run.Error.Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Empty(run.Out);
    }

    [Fact]
    public async Task Replay_WithTheConfigEveryCommandTakes_ListsTheScenarios()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] } } }""");

        var run = await CliRun.InvokeAsync("replay", "--list", "--lang", "en", "--config", config.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("meta-2021-10-04", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_WithAMissingConfigFile_SaysWhichFileAsEveryCommandDoes()
    {
        var run = await CliRun.InvokeAsync("replay", "--list", "--config", "/nonexistent/isitdown.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'/nonexistent/isitdown.json' does not exist", run.Error, StringComparison.Ordinal);
    }
}
