using System.Text.Json;
using System.Text.Json.Serialization;
using IsItDownBot.Core.Alerts;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// How an <see cref="AlertMessage"/> is kept in the outbox. Enums are written as names so a row queued by one
/// build is still read correctly after the enum gains or reorders members.
/// </summary>
internal static class AlertMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(AlertMessage message) => JsonSerializer.Serialize(message, Options);

    public static AlertMessage Deserialize(string json) =>
        JsonSerializer.Deserialize<AlertMessage>(json, Options)
        ?? throw new JsonException("The outbox row holds a null alert message.");
}
