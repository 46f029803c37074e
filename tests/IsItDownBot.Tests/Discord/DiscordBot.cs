using System.Text.Json.Nodes;
using IsItDownBot.Hosting;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Tests.Discord;

/// <summary>The real <c>run</c> host with a fake Discord (REST and gateway) and a loopback world.</summary>
internal sealed class DiscordBot : IAsyncDisposable
{
    private readonly TempConfig _config;
    private readonly string _database;

    private DiscordBot(IHost host, TempConfig config, string database)
    {
        Host = host;
        _config = config;
        _database = database;
    }

    public IHost Host { get; }

    public static async Task<DiscordBot> StartAsync(LoopbackWorld world, FakeDiscordRest rest, FakeDiscordGateway gateway, Action<IDictionary<string, string?>>? configure = null)
    {
        rest.GatewayUrl = gateway.Url;
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-discord-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Discord:BotToken"] = rest.Token;
        world.Settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
        world.Settings["IsItDown:Discord:GuildId"] = "700";
        world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Alerts:PollInterval"] = "00:00:00.100";
        configure?.Invoke(world.Settings);
        var config = TempConfig.FromJson(world.ToJson());
        var host = BotHost.Build(config.Path);
        await host.StartAsync();
        return new DiscordBot(host, config, database);
    }

    /// <summary>An INTERACTION_CREATE for a slash command in a server channel.</summary>
    public static JsonObject Command(string name, string? service, string channel = "800", string permissions = "0", string locale = "en-US", int type = 2, bool focused = false)
    {
        var options = new JsonArray();
        if (service is not null)
        {
            var option = new JsonObject { ["name"] = "service", ["type"] = 3, ["value"] = service };
            if (focused)
            {
                option["focused"] = true;
            }

            options.Add(option);
        }

        return new JsonObject
        {
            ["id"] = $"1{Random.Shared.NextInt64(100000000, 999999999)}",
            ["application_id"] = "900000000000000001",
            ["type"] = type,
            ["token"] = $"interaction-token-{Guid.NewGuid():N}",
            ["guild_id"] = "700",
            ["channel_id"] = channel,
            ["locale"] = locale,
            ["member"] = new JsonObject { ["permissions"] = permissions, ["user"] = new JsonObject { ["id"] = "42", ["username"] = "alice" } },
            ["data"] = new JsonObject { ["id"] = "1", ["name"] = name, ["type"] = 1, ["options"] = options },
        };
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        _config.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
        {
            File.Delete(file);
        }
    }
}
