namespace IsItDownBot.Telegram;

/// <summary>Telegram's HTML parse mode: every string that comes from a user or a service is escaped.</summary>
internal static class TelegramHtml
{
    /// <summary>Telegram refuses longer messages.</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>
    /// Escapes the characters Telegram's HTML mode gives meaning to (&lt;, &gt;, &amp;, and quotes for attributes),
    /// and nothing else: accents, scripts and emoji stay as they are, not numeric entities.
    /// </summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal);

    /// <summary>Cuts a built message to Telegram's limit at a line break, never inside a tag or an entity.</summary>
    public static string Fit(string html)
    {
        if (html.Length <= MaxMessageLength)
        {
            return html;
        }

        var cut = html.LastIndexOf('\n', MaxMessageLength - 2);
        return cut > 0 ? html[..cut] + "\n…" : html[..(MaxMessageLength - 1)] + "…";
    }
}
