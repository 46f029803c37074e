using System.Text;

namespace IsItDownBot.Discord.Bot;

/// <summary>
/// Text for Discord: markdown in what users and services wrote is escaped, so it shows as typed. Pings are
/// stopped separately, by an empty allowed_mentions on every message.
/// </summary>
internal static class DiscordText
{
    public static string Escape(string? text)
    {
        var escaped = new StringBuilder((text ?? "").Length);
        foreach (var c in text ?? "")
        {
            if (c is '\\' or '*' or '_' or '`' or '~' or '|' or '>' or '#' or '[' or ']' or '<' or '@')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>
    /// Text as inline code, within <paramref name="max"/> characters: for what a probed server wrote (a reason phrase,
    /// a certificate's issuer), so that a URL in it shows as text, never as a link the bot seems to vouch for.
    /// Markdown means nothing inside code, and a backslash does not escape there either, so a backtick, the one
    /// character that would end the code early, becomes a look-alike (U+02CB).
    /// </summary>
    public static string Code(string? text, int max)
    {
        var plain = (text ?? "").Replace('`', '\u02CB');
        return plain.Length == 0 ? "" : "`" + Limit(plain, max - 2) + "`";
    }

    /// <summary>Cuts to a Discord length limit, ending with an ellipsis, never splitting an escape or a surrogate pair.</summary>
    public static string Limit(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        while (cut > 0 && (char.IsHighSurrogate(text[cut - 1]) || text[cut - 1] == '\\'))
        {
            cut--;
        }

        return text[..cut] + "…";
    }
}
