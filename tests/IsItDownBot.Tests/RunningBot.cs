using IsItDownBot.Health;
using IsItDownBot.Hosting;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Tests;

/// <summary>
/// The real <c>run</c> host, in this process, configured to see only a loopback world and whatever fake
/// platform the test adds: what an operator runs, minus the internet. Rounds and polls are fast so whole
/// scenarios take seconds.
/// </summary>
internal sealed class RunningBot : IAsyncDisposable
{
    private readonly TempConfig _config;
    private readonly string _database;

    private RunningBot(IHost host, TempConfig config, string database)
    {
        Host = host;
        _config = config;
        _database = database;
    }

    public IHost Host { get; }

    /// <summary>The database file: a test may lock it from another connection.</summary>
    public string DatabasePath => _database;

    /// <summary>Where this bot serves /healthz, /readyz and /metrics (the port Kestrel picked).</summary>
    public Uri HealthAddress => new(Host.Services.GetRequiredService<HealthServer>().Addresses[0]);

    public static async Task<RunningBot> StartAsync(LoopbackWorld world, Action<IDictionary<string, string?>> configure, Action<IServiceCollection>? configureServices = null)
    {
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-bot-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Alerts:PollInterval"] = "00:00:00.100";

        // Port 0: tests run side by side, each bot's health endpoints on a port of its own.
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        configure(world.Settings);
        var config = TempConfig.FromJson(world.ToJson());
        var host = BotHost.Build(shippedFile: null, config.Path, configureServices);
        await host.StartAsync();
        return new RunningBot(host, config, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _config.Dispose();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
