namespace IsItDownBot.Telegram;

/// <summary>Telegram's HTML parse mode: every string that comes from a user or a service is escaped.</summary>
internal static class TelegramHtml
{
    /// <summary>Telegram refuses longer messages.</summary>
    public const int MaxMessageLength = 4096;

    // The only tags this bot writes; Fit closes whichever it leaves open.
    private static readonly string[] Tags = ["pre", "code", "b", "i"];

    /// <summary>
    /// Escapes the characters Telegram's HTML mode gives meaning to (&lt;, &gt;, &amp;, and quotes for attributes),
    /// and nothing else: accents, scripts and emoji stay as they are, not numeric entities. An "@" gets an invisible
    /// word joiner after it: Telegram turns "@name" into a mention that notifies that person, and text a user
    /// typed must never make the bot ping anyone.
    /// </summary>
    public static string Escape(string? text) =>
        (text ?? "").Replace("&", "&amp;", StringComparison.Ordinal)
            .Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal)
            .Replace("\"", "&quot;", StringComparison.Ordinal)
            .Replace("@", "@\u2060", StringComparison.Ordinal);

    /// <summary>
    /// Cuts a built message to Telegram's limit, at a line break (never inside a tag or an entity), and closes
    /// the tags the cut left open, so the result is still valid HTML. Escaping can make text several times
    /// longer, so this is the last line of defence after the formatter's own budgets.
    /// </summary>
    public static string Fit(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (html.Length <= MaxMessageLength)
        {
            return html;
        }

        // Room for the ellipsis and the closing tags.
        var budget = MaxMessageLength - 32;
        var cut = html.LastIndexOf('\n', budget);
        if (cut <= 0)
        {
            // One huge line: cut before any tag or entity that would be split.
            cut = budget;
            var lastTag = html.LastIndexOf('<', cut - 1);
            var lastEntity = html.LastIndexOf('&', cut - 1);
            if (lastTag >= 0 && html.IndexOf('>', lastTag) >= cut)
            {
                cut = lastTag;
            }

            if (lastEntity >= 0 && html.IndexOf(';', lastEntity) >= cut)
            {
                cut = Math.Min(cut, lastEntity);
            }
        }

        var kept = html[..cut] + "\n…";
        foreach (var tag in Tags)
        {
            var open = Count(kept, $"<{tag}>") - Count(kept, $"</{tag}>");
            for (var i = 0; i < open; i++)
            {
                kept += $"</{tag}>";
            }
        }

        return kept;
    }

    private static int Count(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + value.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
