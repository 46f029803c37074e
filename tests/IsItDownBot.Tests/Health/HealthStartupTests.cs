using System.Net;
using System.Net.Sockets;
using IsItDownBot.Health;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Tests.Health;

/// <summary>The health endpoints' configuration: a taken port or a wrong address stops <c>run</c> naming the key.</summary>
public sealed class HealthStartupTests
{
    [Fact]
    public async Task Run_WhenTheHealthPortIsTaken_StopsAtStartNamingTheKey()
    {
        // A listening socket: one merely bound does not stop Kestrel, which binds with SO_REUSEADDR.
        var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-bind-{Guid.NewGuid():N}.db");
        using var config = TempConfig.FromText($$"""
            { "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Storage": { "Path": "{{database}}" },
                            "Health": { "Urls": "http://127.0.0.1:{{port}}" } } }
            """);

        CliRun run;
        try
        {
            // Bounded: were the port not refused, run would serve until stopped.
            run = await CliRun.InvokeAsync("run", "--config", config.Path).WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            taken.Stop();
            taken.Dispose();
        }

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Cannot serve the health endpoints on http://127.0.0.1:{port} (IsItDown:Health:Urls)", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(database), "the bot stopped before opening its database");
    }

    [Fact]
    public async Task Run_WithAnHttpsHealthAddress_StopsAtStartNamingTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Health": { "Urls": "https://127.0.0.1:9464" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Health:Urls: 'https://127.0.0.1:9464' is not an http://host:port address", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithAnUnreadableEnabledFlag_StopsAtStartNamingTheKey()
    {
        using var config = TempConfig.FromText("""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Health": { "Enabled": "sometimes" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("IsItDown:Health:Enabled", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithHealthDisabled_StartsWithoutTheHealthServer()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var bot = await RunningBot.StartAsync(world, settings => settings["IsItDown:Health:Enabled"] = "false");

        Assert.Null(bot.Host.Services.GetService<HealthServer>());
        Assert.Empty(bot.Host.Services.GetServices<IHostedService>().OfType<HealthServer>());
    }

    [Fact]
    public async Task Healthcheck_ReadingAWildcardAddress_CallsLoopbackAndExitsZero_AndOneWhenNothingAnswers()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var port = LoopbackPorts.FindFreePort();
        await using var bot = await RunningBot.StartAsync(world, settings => settings["IsItDown:Health:Urls"] = $"http://127.0.0.1:{port}");

        // As in the container, the healthcheck reads a wildcard address (http://0.0.0.0:port) and calls loopback.
        // The bot itself listens on loopback only: a test opens nothing beyond 127.0.0.0/8.
        using var config = TempConfig.FromText($$"""{ "IsItDown": { "Health": { "Urls": "http://0.0.0.0:{{port}}" } } }""");
        var healthy = await CliRun.InvokeAsync("healthcheck", "--config", config.Path);
        using var closed = new ClosedPort(IPAddress.Loopback);
        var unhealthy = await CliRun.InvokeAsync("healthcheck", "--url", $"http://127.0.0.1:{closed.Port}");

        Assert.True(healthy.ExitCode == 0, healthy.Error);
        Assert.Equal(1, unhealthy.ExitCode);
        Assert.Contains($"http://127.0.0.1:{closed.Port}/healthz does not answer", unhealthy.Error, StringComparison.Ordinal);
    }
}
