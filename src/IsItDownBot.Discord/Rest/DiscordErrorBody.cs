using System.Text.Json;
using System.Text.Json.Nodes;

namespace IsItDownBot.Discord.Rest;

/// <summary>
/// Reads Discord's error body <c>{ "code", "message", "retry_after", "global" }</c>. Proxies and
/// Cloudflare answer with HTML or nothing, so every field is optional and a non-JSON body is no error.
/// </summary>
internal sealed record DiscordErrorBody(int? Code, string? Message, double? RetryAfterSeconds, bool Global)
{
    private const int MaxMessageLength = 300;

    public static DiscordErrorBody Parse(string text)
    {
        JsonObject? json;
        try
        {
            json = JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            json = null;
        }
        if (json is null)
            return new DiscordErrorBody(null, null, null, false);

        return new DiscordErrorBody(
            Integer(json["code"]),
            json["message"] is JsonValue message && message.TryGetValue(out string? said) ? Shorten(said) : null,
            Number(json["retry_after"]),
            json["global"] is JsonValue global && global.TryGetValue(out bool isGlobal) && isGlobal);
    }

    private static int? Integer(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out int number) ? number : null;

    private static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out double number) && double.IsFinite(number) && number >= 0 ? number : null;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ");
        return line.Length <= MaxMessageLength ? line : line[..MaxMessageLength] + "…";
    }
}
