using System.Text;

namespace IsItDownBot.Testing;

/// <summary>
/// Generated hostile input for fuzzing the parsers and handlers: random Unicode (lone surrogates, control
/// characters, right-to-left overrides, zero-width joiners), very long text, nested markup of every chat
/// flavour, mentions that would ping everyone, and JSON that is broken or of the wrong types. Seeded, so a
/// failure names the seed and replays exactly.
/// </summary>
public sealed class HostileCorpus(int seed)
{
    private static readonly string[] Fragments =
    [
        "@everyone", "@here", "is fooo@mention_me down?", "sub@mention_me", "<@123456789012345678>", "<@&987654321098765432>", "<#111>", "<b>", "</b>", "<i><b>", "</pre>",
        "<a href=\"javascript:alert(1)\">x</a>", "<script>alert(1)</script>", "&amp;", "&", "<", ">", "\"", "'", "**", "__", "~~", "||",
        "`", "```", "> quote", "[link](https://evil.example)", "\\", "%s%n", "{0}", "${jndi:ldap://x}", "' OR 1=1 --", "/isitdown",
        "/subscribe all", "/status@OtherBot", "is facebook down?", "instagram est en panne ?", "127.0.0.1", "http://[::1]/",
        "\u202E", "\u200B", "\u200D", "\uFEFF", "\u0000", "\u0007", "\r\n", "\t", "\uD800", "\uDFFF", "🔥", "👨‍👩‍👧‍👦", "ｆａｃｅｂｏｏｋ",
    ];

    private readonly Random _random = new(seed);

    public int Seed { get; } = seed;

    /// <summary>Texts a person could send, from empty to 100,000 characters.</summary>
    public IEnumerable<string> Texts(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (i % 7) switch
            {
                0 => RandomUnicode(_random.Next(0, 200)),
                1 => string.Concat(Enumerable.Range(0, _random.Next(1, 30)).Select(_ => Pick(Fragments))),
                2 => Nested(_random.Next(1, 200)),
                3 => new string(Pick(["a", "<", "&", "*", "@", "é", "\u202E"])[0], _random.Next(4000, 100_000)),
                4 => Pick(Fragments) + " " + RandomUnicode(_random.Next(1, 50)) + " " + Pick(Fragments),
                5 => "is " + Pick(Fragments) + RandomUnicode(_random.Next(0, 10)) + " down?",
                _ => ControlCharacters(_random.Next(1, 100)),
            };
        }
    }

    /// <summary>Gateway frames and payloads that are not JSON, not objects, or objects with fields of the wrong type.</summary>
    public IEnumerable<string> Json(int count)
    {
        string[] values = ["null", "true", "-1", "1e400", "18446744073709551616", "0.5", "\"\"", "\"x\"", "[]", "{}", "[[[[[[]]]]]]", "\"\\ud800\""];
        for (var i = 0; i < count; i++)
        {
            yield return (i % 6) switch
            {
                0 => "{" + RandomUnicode(_random.Next(0, 40)),
                1 => $$"""{"op":{{Pick(values)}},"d":{{Pick(values)}},"s":{{Pick(values)}},"t":{{Pick(values)}}}""",
                2 => $$$"""{"op":0,"t":"INTERACTION_CREATE","s":{{{_random.Next()}}},"d":{"id":{{{Pick(values)}}},"type":{{{Pick(values)}}},"token":{{{Pick(values)}}},"data":{{{Pick(values)}}},"member":{{{Pick(values)}}}}}""",
                3 => $$$"""{"op":0,"t":"MESSAGE_CREATE","s":{{{_random.Next()}}},"d":{"id":"1","channel_id":{{{Pick(values)}}},"content":{{{Pick(values)}}},"author":{{{Pick(values)}}}}}""",
                4 => new string('[', _random.Next(65, 2000)) + new string(']', _random.Next(0, 10)),
                _ => Pick(values),
            };
        }
    }

    private string Nested(int depth)
    {
        var open = new StringBuilder();
        var close = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            var tag = Pick(["b", "i", "u", "s", "code", "pre", "a", "tg-spoiler"]);
            open.Append('<').Append(tag).Append('>').Append(Pick(["**", "__", "`", "||", ""]));
            close.Insert(0, "</" + tag + ">");
        }

        return open + Pick(Fragments) + close;
    }

    private string RandomUnicode(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            // Mostly the Basic Multilingual Plane, lone surrogates included, and now and then a supplementary one.
            if (_random.Next(10) == 0)
            {
                text.Append(char.ConvertFromUtf32(_random.Next(0x10000, 0x10FFFF)));
            }
            else
            {
                text.Append((char)_random.Next(0, 0xFFFF));
            }
        }

        return text.ToString();
    }

    private string ControlCharacters(int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => (char)Pick([_random.Next(0, 32), 0x7F, 0x85, 0x2028, 0x2029, 0x202E, 0x200B]))]);

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
