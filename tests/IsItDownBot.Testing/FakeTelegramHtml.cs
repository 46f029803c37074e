using System.Text.RegularExpressions;

namespace IsItDownBot.Testing;

/// <summary>
/// Telegram's HTML parse mode, as strict as its documentation: only the supported tags, properly nested,
/// and every other &lt;, &gt; and &amp; written as an entity. A text that breaks these rules gets
/// "Bad Request: can't parse entities: …", so a missing escape fails a test instead of an alert.
/// </summary>
public static partial class FakeTelegramHtml
{
    private static readonly HashSet<string> SupportedTags =
        ["b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a", "tg-emoji", "code", "pre", "blockquote"];

    /// <summary>Null when Telegram would accept <paramref name="html"/>; otherwise why not.</summary>
    public static string? Problem(string html)
    {
        var open = new Stack<string>();
        for (var i = 0; i < html.Length; i++)
        {
            switch (html[i])
            {
                case '&':
                    if (!EntityPattern().IsMatch(html.AsSpan(i)))
                        return $"unescaped '&' at offset {i}";
                    break;
                case '>':
                    return $"unescaped '>' at offset {i}";
                case '<':
                    var tag = TagPattern().Match(html, i);
                    if (!tag.Success || tag.Index != i)
                        return $"unescaped '<' at offset {i}";
                    var name = tag.Groups["name"].Value.ToLowerInvariant();
                    if (!SupportedTags.Contains(name))
                        return $"Unsupported start tag \"{name}\" at offset {i}";
                    if (tag.Groups["close"].Success)
                    {
                        if (!open.TryPop(out var expected) || expected != name)
                            return $"Unexpected end tag \"{name}\" at offset {i}";
                    }
                    else
                    {
                        open.Push(name);
                    }
                    i += tag.Length - 1;
                    break;
            }
        }
        return open.TryPop(out var unclosed) ? $"Can't find end tag corresponding to start tag \"{unclosed}\"" : null;
    }

    /// <summary>The text Telegram shows (and returns in Message.text): tags dropped, entities decoded.</summary>
    public static string ToPlainText(string html) =>
        System.Net.WebUtility.HtmlDecode(AnyTagPattern().Replace(html, ""));

    [GeneratedRegex(@"<[^<>]*>")]
    private static partial Regex AnyTagPattern();

    [GeneratedRegex(@"\G&(?:lt|gt|amp|quot|#[0-9]+|#x[0-9a-fA-F]+);")]
    private static partial Regex EntityPattern();

    [GeneratedRegex(@"\G<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9-]*)(?:\s+[^<>]*)?>")]
    private static partial Regex TagPattern();
}
