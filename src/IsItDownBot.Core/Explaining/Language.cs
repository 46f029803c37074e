namespace IsItDownBot.Core.Explaining;

/// <summary>The languages the bot answers in. Every verdict, cause and note exists in each of them.</summary>
public enum Language
{
    English,
    French,
}

public static class Languages
{
    /// <summary>
    /// French for a French code or locale ("fr", "fr-CA", "fr_FR.UTF-8"), English for anything else or nothing:
    /// the same rule for a Telegram language_code, a Discord locale and a terminal's LANG.
    /// </summary>
    public static Language FromCode(string? code) =>
        code is not null && code.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? Language.French : Language.English;

    /// <summary>The short code used in JSON output and on the command line.</summary>
    public static string Code(this Language language) => language == Language.French ? "fr" : "en";
}
