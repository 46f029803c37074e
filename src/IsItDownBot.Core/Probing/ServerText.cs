using System.Globalization;
using System.Text;

namespace IsItDownBot.Core.Probing;

/// <summary>
/// Text a probed server chose (a reason phrase, a header, a certificate's names) made fit to quote. The bot posts
/// probe details in its own voice, so a server must not be able to write a paragraph, a fake link or a forged
/// line there: the text loses its control and invisible formatting characters and is cut short.
/// </summary>
public static class ServerText
{
    /// <summary>Enough for any honest reason phrase, server name or certificate name; not enough for a message.</summary>
    public const int MaxLength = 64;

    private const char Ellipsis = '…';

    /// <summary>The text without control or format characters, at most <see cref="MaxLength"/> characters with the ellipsis.</summary>
    public static string Clip(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxLength + 1));
        foreach (var rune in text.EnumerateRunes())
        {
            // Line breaks could forge a line of the bot's own message; bidi overrides and other invisible
            // format characters could make the text read other than it is.
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            if (clean.Length + rune.Utf16SequenceLength > MaxLength)
            {
                return TrimForEllipsis(clean) + Ellipsis;
            }

            clean.Append(rune.ToString());
        }

        return clean.ToString();
    }

    // The ellipsis takes the last place; a surrogate pair is never split.
    private static string TrimForEllipsis(StringBuilder clean)
    {
        var length = MaxLength - 1;
        if (length > 0 && char.IsHighSurrogate(clean[length - 1]))
        {
            length--;
        }

        return clean.ToString(0, Math.Min(length, clean.Length));
    }
}
