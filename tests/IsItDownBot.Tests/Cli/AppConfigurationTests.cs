using System.Net;
using IsItDownBot.Cli;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Testing;
using Microsoft.Extensions.Configuration;

namespace IsItDownBot.Tests.Cli;

/// <summary>--config over the shipped appsettings.json: files as the JSON provider reads them, and the executable itself.</summary>
public sealed class AppConfigurationTests
{
    private const string ShippedJson = """
        { "IsItDown": { "Dns": { "Resolvers": [ "system", "1.1.1.1" ], "Timeout": "00:00:03", "RootServers": [ "198.41.0.4", "170.247.170.2" ] },
                        "ControlHosts": [ "https://one.one.one.one/", "https://www.wikipedia.org/" ] } }
        """;

    [Fact]
    public void Load_WithATwoKeyOverlay_EmptiesAListWithBracketsAndKeepsTheRest()
    {
        using var shipped = TempConfig.FromText(ShippedJson);
        using var overlay = TempConfig.FromText("""{ "IsItDown": { "Dns": { "RootServers": [] }, "ControlHosts": [ "https://control.example/" ] } }""");

        var configuration = AppConfiguration.Load(shipped.Path, overlay.Path);

        var dns = configuration.GetSection(DnsOptions.SectionName).Get<DnsOptions>()!;
        Assert.Empty(dns.RootServers);
        Assert.Equal(["system", "1.1.1.1"], dns.Resolvers);
        Assert.Equal(TimeSpan.FromSeconds(3), dns.Timeout);
        Assert.Equal(["https://control.example/"], configuration.GetSection("IsItDown:ControlHosts").Get<string[]>()!);
    }

    [Fact]
    public void Load_WhenTheOverlayIsNotJson_NamesTheOverlay()
    {
        using var shipped = TempConfig.FromText(ShippedJson);
        using var overlay = TempConfig.FromText("""{ "IsItDown": """);

        var error = Assert.Throws<UsageException>(() => AppConfiguration.Load(shipped.Path, overlay.Path));

        Assert.Contains($"'{overlay.Path}' is not valid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_WhenTheShippedFileIsMissing_SaysToReinstallOrPassOne()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"isitdown-missing-{Guid.NewGuid():N}", "appsettings.json");

        var error = Assert.Throws<UsageException>(() => AppConfiguration.Load(missing, configFile: null));

        Assert.Contains($"{missing} is missing; reinstall", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAOneKeyConfigFile_ServesOnTheShippedDefaults()
    {
        var port = LoopbackPorts.FindFreePort();
        using var config = TempConfig.FromText($$"""{ "IsItDown": { "Health": { "Urls": "http://127.0.0.1:{{port}}" } } }""");
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-onekey-{Guid.NewGuid():N}.db");

        // The shipped destinations are real: the environment points every one of them at a loopback world and watches
        // nothing, so that the shipped rest (catalog, limits, logging...) is read but nothing leaves loopback.
        await using var world = await LoopbackWorld.StartAsync();
        (string, string)[] environment =
        [
            ("IsItDown__Storage__Path", database),
            ("IsItDown__Dns__Resolvers__0", world.ResolverA.ResolverSpec),
            ("IsItDown__Dns__RootServers", ""),
            ("IsItDown__ControlHosts__0", world.Settings["IsItDown:ControlHosts:0"]!),
            ("IsItDown__Probes__TrustedCaFile", world.Authority.RootPemPath),
            ("IsItDown__Routing__LookingGlassUrl", world.Settings["IsItDown:Routing:LookingGlassUrl"]!),
            ("IsItDown__Monitor__AlwaysWatch", ""),
        ];

        int exitCode;
        HttpStatusCode health;
        using (var bot = ExecutableProcess.Start(["run", "--config", config.Path], environment))
        {
            await bot.WaitForLineAsync(line => line.Contains("IsItDownBot is running", StringComparison.Ordinal));
            using var http = new HttpClient();
            using (var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/healthz")))
            {
                health = response.StatusCode;
            }

            bot.Terminate();
            exitCode = await bot.WaitForExitAsync();
        }

        foreach (var file in new[] { database, database + "-wal", database + "-shm" })
        {
            File.Delete(file);
        }

        Assert.Equal(HttpStatusCode.OK, health);
        Assert.Equal(0, exitCode);
    }

    [Fact]
    public async Task Run_WithAnEmptyListInTheEnvironment_EmptiesTheShippedList()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Health": { "Urls": "http://127.0.0.1:0" } } }""");

        using var bot = ExecutableProcess.Start(["run", "--config", config.Path], ("IsItDown__Dns__Resolvers", string.Empty));
        var exitCode = await bot.WaitForExitAsync();

        Assert.Equal(2, exitCode);
        Assert.Contains(bot.Lines, line => line.Contains("IsItDown:Dns:Resolvers: at least one resolver is needed", StringComparison.Ordinal));
    }
}
