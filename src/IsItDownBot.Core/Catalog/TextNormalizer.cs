using System.Globalization;
using System.Text;

namespace IsItDownBot.Core.Catalog;

/// <summary>Folds text for matching: lower case, no accents, so "Instagram", "INSTAGRAM" and "instagrám" compare equal.</summary>
public static class TextNormalizer
{
    // The projects run with InvariantGlobalization, where string.Normalize leaves non-ASCII text as it is:
    // "é" never decomposes into "e" + accent. So accents are folded by table for the Latin letters users type,
    // and combining accents typed separately are dropped.
    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghhiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var trimmed = text.AsSpan().Trim();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (char.IsSurrogate(c))
            {
                // Keep well-formed pairs (emoji); a lone half would make later normalization throw.
                if (char.IsHighSurrogate(c) && i + 1 < trimmed.Length && char.IsLowSurrogate(trimmed[i + 1]))
                {
                    builder.Append(c).Append(trimmed[++i]);
                }

                continue;
            }

            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            c = char.ToLowerInvariant(c);
            if (c is >= '\uFF01' and <= '\uFF5E')
            {
                // Full-width forms ("ｆａｃｅｂｏｏｋ") are ASCII in disguise.
                c = char.ToLowerInvariant((char)(c - 0xFEE0));
            }

            var accented = Accented.IndexOf(c, StringComparison.Ordinal);
            switch (c)
            {
                case 'ß':
                    builder.Append("ss");
                    break;
                case 'æ':
                    builder.Append("ae");
                    break;
                case 'œ':
                    builder.Append("oe");
                    break;
                default:
                    builder.Append(accented >= 0 ? Plain[accented] : c);
                    break;
            }
        }

        return builder.ToString();
    }
}
