namespace IsItDownBot.Telegram;

public enum TelegramLanguage
{
    English,
    French,
}

internal static class TelegramLanguages
{
    /// <summary>French for a French-speaking Telegram client (language_code fr, fr-CA...), English otherwise.</summary>
    public static TelegramLanguage From(string? languageCode) =>
        languageCode is not null && languageCode.StartsWith("fr", StringComparison.OrdinalIgnoreCase)
            ? TelegramLanguage.French
            : TelegramLanguage.English;
}
