using System.Text.Json.Nodes;
using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Cli;

/// <summary>Every configuration or usage problem ends in exit code 2 and one message naming it; no probe is sent.</summary>
public sealed class ConfigurationErrorTests
{
    [Fact]
    public async Task Check_WithAMissingConfigFile_SaysWhichFile()
    {
        var run = await CliRun.InvokeAsync("check", "facebook", "--config", "/nonexistent/isitdown.json");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("'/nonexistent/isitdown.json' does not exist", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithInvalidJson_SaysTheFileIsNotJson()
    {
        using var config = TempConfig.FromText("{ \"IsItDown\": { ");

        var run = await CliRun.InvokeAsync("check", "facebook", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("is not valid JSON", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithABadResolver_NamesTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "127.0.0.1", "not-an-ip" ] } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Dns:Resolvers:1", run.Error, StringComparison.Ordinal);
        Assert.Contains("not-an-ip", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithAnUnreadableTimeout_NamesTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Probes": { "Timeout": "five seconds" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Probes:Timeout", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithATimeoutInWords_SaysInOneSentenceTheKeyTheValueAndTheFormat()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Timeout": "2 seconds" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(
            "Invalid configuration: IsItDown:Dns:Timeout is '2 seconds', which is not a duration: use hh:mm:ss, e.g. 00:00:02 for two seconds, or d.hh:mm:ss for days.",
            run.Error.TrimEnd());
    }

    [Fact]
    public async Task Check_WithAPortInWords_SaysAWholeNumberIsExpected()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ], "AuthoritativePort": "fifty-three" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Dns:AuthoritativePort is 'fifty-three', which is not a whole number, e.g. 5.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithABrokenMonitorSection_AnswersAnyway()
    {
        // check never reads the monitor's or the alerts' settings; run still refuses them (RunCommandTests).
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("acme", "Acme", LoopbackHttpsServer.Respond(200));
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "two";
        world.Settings["IsItDown:Alerts:RetryAttempts"] = "many";
        using var config = TempConfig.FromJson(world.ToJson());

        var run = await CliRun.InvokeAsync("check", "acme", "--json", "--config", config.Path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("acme", (string?)JsonNode.Parse(run.Out)!["service"]);
        Assert.Empty(run.Error);
    }

    [Fact]
    public async Task Check_WithATimeoutOutOfRange_NamesTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Timeout": "00:00:00" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Dns:Timeout", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithAServiceEndpointThatIsNotAUrl_NamesTheService()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Services": { "acme": { "Name": "Acme", "Zone": "acme.test", "Endpoints": [ "acme" ] } } } }""");

        var run = await CliRun.InvokeAsync("check", "acme", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Services:acme:Endpoints:0", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithNoResolver_SaysOneIsNeeded()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Timeout": "00:00:01" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Dns:Resolvers: at least one resolver is needed", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithATrustedCaFileThatHoldsNoCertificate_NamesTheKey()
    {
        using var notPem = TempConfig.FromText("this is not a certificate");
        using var config = TempConfig.FromText($$"""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Probes": { "TrustedCaFile": "{{notPem.Path}}" } } }""");

        var run = await CliRun.InvokeAsync("check", "example.org", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Probes:TrustedCaFile", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithAnUnknownName_SuggestsTheClosestService()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Services": { "facebook": { "Name": "Facebook", "Aliases": [ "fb" ], "Zone": "facebook.test", "Endpoints": [ "https://www.facebook.test/" ] } } } }""");

        var run = await CliRun.InvokeAsync("check", "facebok", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Unknown service 'facebok'. Did you mean facebook?", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithoutAService_ShowsUsage()
    {
        var run = await CliRun.InvokeAsync("check");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Run 'isitdown --help' for usage.", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownCommand_ExitsTwo()
    {
        var run = await CliRun.InvokeAsync("chek", "facebook");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("chek", run.Error, StringComparison.Ordinal);
    }
}
