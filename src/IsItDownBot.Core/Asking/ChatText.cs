using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Asking;

/// <summary>Cleans what chat platforms deliver and cuts it into whitespace chunks and words.</summary>
internal static partial class ChatText
{
    /// <summary>A question fits in far less; the cap bounds the work on a pasted 100 KB message.</summary>
    public const int MaxLength = 500;

    /// <summary>
    /// The message's whitespace-separated chunks, without control characters, invisible formatting,
    /// Discord markup (mentions, channels, custom emoji) or Telegram @mentions.
    /// </summary>
    public static List<string> Chunks(string text)
    {
        var cleaned = DiscordMarkup().Replace(Clean(text), " ");
        return [.. cleaned
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .Where(chunk => !chunk.StartsWith('@'))];
    }

    /// <summary>The words of a chunk: runs of letters and digits; everything else (emoji, apostrophes, dots) separates.</summary>
    public static IEnumerable<ChatWord> Words(string chunk)
    {
        var start = -1;
        for (var i = 0; i <= chunk.Length; i++)
        {
            var inWord = i < chunk.Length && IsWordChar(chunk[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var raw = chunk[start..i];
                var key = ServiceCatalog.Key(raw);
                if (key.Length > 0)
                {
                    yield return new ChatWord(raw, key);
                }

                start = -1;
            }
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c)
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;

    private static string Clean(string text)
    {
        var length = Math.Min(text.Length, MaxLength);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (char.IsSurrogate(c) || char.IsControl(c))
            {
                // A lone surrogate (or one cut by the cap) and control characters become spaces.
                builder.Append(' ');
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                // Format characters (zero-width space, joiners, direction marks) are invisible:
                // "face\u200Bbook" is what the user sees as "facebook".
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Discord user/role mentions, channel links and custom emoji: <c>&lt;@123&gt;</c>, <c>&lt;@!123&gt;</c>, <c>&lt;#123&gt;</c>, <c>&lt;:fb:123&gt;</c>.</summary>
    [GeneratedRegex(@"<(?:@[!&]?|#|a?:\w{1,32}:)\d{1,20}>", RegexOptions.CultureInvariant)]
    private static partial Regex DiscordMarkup();
}
