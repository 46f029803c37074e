using System.Globalization;
using System.Text;

namespace IsItDownBot.Core.Catalog;

/// <summary>Folds text for matching: lower case, no accents, so "Instagram", "INSTAGRAM" and "instagrám" compare equal.</summary>
public static class TextNormalizer
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(char.ToLowerInvariant(c));
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
