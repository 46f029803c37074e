using System.Text;
using System.Text.Json.Nodes;

namespace IsItDownBot.Discord.Gateway;

/// <summary>The frames the client sends, built as UTF-8 JSON. Pure, so the exact shapes are tested directly.</summary>
internal static class GatewayPayloads
{
    public const string ClientName = "IsItDownBot";

    public static byte[] Heartbeat(int? sequence) => Frame(GatewayOpcodes.Heartbeat, sequence is { } s ? JsonValue.Create(s) : null);

    public static byte[] Identify(string token, int intents, int shardId, int shardCount) => Frame(GatewayOpcodes.Identify, new JsonObject
    {
        ["token"] = token,
        ["intents"] = intents,
        ["properties"] = new JsonObject
        {
            ["os"] = OperatingSystemName(),
            ["browser"] = ClientName,
            ["device"] = ClientName,
        },
        ["shard"] = new JsonArray(shardId, shardCount),
    });

    public static byte[] Resume(string token, string sessionId, int? sequence) => Frame(GatewayOpcodes.Resume, new JsonObject
    {
        ["token"] = token,
        ["session_id"] = sessionId,
        ["seq"] = sequence is { } s ? JsonValue.Create(s) : null,
    });

    private static byte[] Frame(int op, JsonNode? data) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["op"] = op, ["d"] = data }.ToJsonString());

    private static string OperatingSystemName() =>
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsWindows() ? "windows" : OperatingSystem.IsMacOS() ? "macos" : "other";
}
