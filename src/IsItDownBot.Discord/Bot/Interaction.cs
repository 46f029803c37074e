using IsItDownBot.Core;
using System.Globalization;
using System.Text.Json;

namespace IsItDownBot.Discord.Bot;

/// <summary>The parts of an INTERACTION_CREATE the bot uses, read defensively: a missing field is null, never an exception.</summary>
internal sealed record Interaction(
    string Id,
    string Token,
    int Type,
    string? ApplicationId,
    string? ChannelId,
    string? GuildId,
    string? Locale,
    string? UserId,
    ulong Permissions,
    JsonElement Data)
{
    public const int Command = 2;
    public const int Component = 3;
    public const int Autocomplete = 4;

    // ADMINISTRATOR and MANAGE_CHANNELS: who may change a server channel's alerts.
    private const ulong Administrator = 1UL << 3;
    private const ulong ManageChannels = 1UL << 4;

    public bool InGuild => GuildId is not null;

    /// <summary>In a DM a person manages their own alerts; in a server, those who may manage channels do.</summary>
    public bool MayManageChannel => !InGuild || (Permissions & (Administrator | ManageChannels)) != 0;

    public static Interaction? Read(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || Text(data, "id") is not { } id || Text(data, "token") is not { } token
            || !data.TryGetProperty("type", out var type) || type.ValueKind != JsonValueKind.Number)
        {
            return null;
        }

        var member = data.TryGetProperty("member", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var user = member.ValueKind == JsonValueKind.Object && member.TryGetProperty("user", out var u) ? u
            : data.TryGetProperty("user", out var dmUser) ? dmUser : default;
        var permissions = member.ValueKind == JsonValueKind.Object && Text(member, "permissions") is { } bits
            && ulong.TryParse(bits, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new Interaction(
            id,
            token,
            type.TryGetInt32(out var kind) ? kind : 0,
            Text(data, "application_id"),
            Text(data, "channel_id"),
            Text(data, "guild_id"),
            Text(data, "locale"),
            user.ValueKind == JsonValueKind.Object ? Text(user, "id") : null,
            permissions,
            data.TryGetProperty("data", out var payload) ? payload : default);
    }

    /// <summary>The command's name, or the component's custom id.</summary>
    public string? Name => Data.ValueKind == JsonValueKind.Object ? Text(Data, "name") : null;

    public string? CustomId => Data.ValueKind == JsonValueKind.Object ? Text(Data, "custom_id") : null;

    /// <summary>A string option's value (first level), or for autocomplete the focused one's.</summary>
    public string? Option(string name) => Options().FirstOrDefault(option => Text(option, "name") == name) is { ValueKind: JsonValueKind.Object } found
        ? Text(found, "value")
        : null;

    public string? FocusedValue => Options().FirstOrDefault(option => option.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True) is { ValueKind: JsonValueKind.Object } found
        ? Text(found, "value") ?? ""
        : null;

    private IEnumerable<JsonElement> Options() =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty("options", out var options) && options.ValueKind == JsonValueKind.Array
            ? options.EnumerateArray().Where(option => option.ValueKind == JsonValueKind.Object)
            : [];

    internal static string? Text(JsonElement element, string property) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(property, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => JsonStrings.Read(value),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
