using System.Text.Json.Nodes;

namespace IsItDownBot.Testing;

/// <summary>One request to <see cref="FakeTelegramBotApi"/>, recorded when it arrived.</summary>
/// <param name="Method">The Bot API method as the client spelled it in the URL (e.g. sendMessage).</param>
/// <param name="Body">The parameters: the JSON body, or form and query fields as strings. Read-only by convention.</param>
public sealed record FakeTelegramCall(string Method, JsonObject Body, DateTimeOffset At)
{
    public long? ChatId => FakeTelegramJson.ReadLong(Body["chat_id"]);

    public string? Text => FakeTelegramJson.ReadString(Body["text"]);

    public bool Is(string method) => string.Equals(Method, method, StringComparison.OrdinalIgnoreCase);

    public override string ToString() => $"{Method} {Body.ToJsonString()}";
}
