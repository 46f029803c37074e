using System.Text.Json.Nodes;
using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Discord;

/// <summary>The real host with a fake Discord (REST and gateway), and the interactions a test dispatches.</summary>
internal static class DiscordBot
{
    public static Task<RunningBot> StartAsync(LoopbackWorld world, FakeDiscordRest rest, FakeDiscordGateway gateway, Action<IDictionary<string, string?>>? configure = null)
    {
        rest.GatewayUrl = gateway.Url;
        return RunningBot.StartAsync(world, settings =>
        {
            settings["IsItDown:Discord:BotToken"] = rest.Token;
            settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
            settings["IsItDown:Discord:GuildId"] = "700";
            configure?.Invoke(settings);
        });
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
}
