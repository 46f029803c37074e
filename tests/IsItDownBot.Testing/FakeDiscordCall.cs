using System.Text.Json.Nodes;

namespace IsItDownBot.Testing;

/// <summary>One request to <see cref="FakeDiscordRest"/>, recorded with the status it was answered.</summary>
/// <param name="Method">GET, PUT, POST, PATCH…</param>
/// <param name="Path">The path after the API base, e.g. /channels/123/messages.</param>
/// <param name="Body">The JSON body, if any. Read-only by convention.</param>
/// <param name="Authorization">The Authorization header as sent, e.g. "Bot TEST.TOKEN.VALUE".</param>
public sealed record FakeDiscordCall(string Method, string Path, JsonNode? Body, string? Authorization, DateTimeOffset At)
{
    public string? UserAgent { get; init; }

    /// <summary>The HTTP status the fake answered.</summary>
    public int Status { get; init; }

    /// <summary>A message whose nonce (with enforce_nonce) the channel had already seen: answered with that
    /// message, and nothing created.</summary>
    public bool Deduplicated { get; init; }

    public bool Is(string method, string pathContains) =>
        string.Equals(Method, method, StringComparison.OrdinalIgnoreCase) && Path.Contains(pathContains, StringComparison.Ordinal);

    // Authorization left out: a test failure message must not print a token, even a fake one.
    public override string ToString() => $"{Method} {Path} -> {Status} {Body?.ToJsonString()}";
}
