namespace IsItDownBot.Telegram;

/// <summary>The data behind the inline buttons: "check:{service}" and "alert:{service}".</summary>
internal static class CallbackData
{
    private const string CheckPrefix = "check:";
    private const string AlertPrefix = "alert:";

    public static string Check(string serviceId) => CheckPrefix + serviceId;

    public static string Alert(string serviceId) => AlertPrefix + serviceId;

    /// <summary>What a button press asks; anything else (old buttons, forged data) is (null, null).</summary>
    public static (string? Action, string? ServiceId) Parse(string? data)
    {
        if (data is null)
        {
            return (null, null);
        }

        if (data.StartsWith(CheckPrefix, StringComparison.Ordinal) && data.Length > CheckPrefix.Length)
        {
            return ("check", data[CheckPrefix.Length..]);
        }

        if (data.StartsWith(AlertPrefix, StringComparison.Ordinal) && data.Length > AlertPrefix.Length)
        {
            return ("alert", data[AlertPrefix.Length..]);
        }

        return (null, null);
    }
}
