namespace IsItDownBot.Discord.Bot;

/// <summary>The custom ids behind the buttons: "check:{service}" and "alert:{service}".</summary>
internal static class Components
{
    public static string Check(string serviceId) => "check:" + serviceId;

    public static string Alert(string serviceId) => "alert:" + serviceId;

    /// <summary>What a button press asks; anything else (old or forged ids) is (null, null).</summary>
    public static (string? Action, string? ServiceId) Parse(string? customId) => customId switch
    {
        { Length: > 6 } id when id.StartsWith("check:", StringComparison.Ordinal) => ("check", id[6..]),
        { Length: > 6 } id when id.StartsWith("alert:", StringComparison.Ordinal) => ("alert", id[6..]),
        _ => (null, null),
    };
}
