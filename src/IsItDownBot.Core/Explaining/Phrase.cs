namespace IsItDownBot.Core.Explaining;

/// <summary>
/// One sentence in every language the bot speaks. The core builds both at once, so a cached report serves
/// an English and a French question alike, and a missing translation is a compile error, not a surprise.
/// </summary>
public sealed record Phrase(string English, string French)
{
    public string In(Language language) => language == Language.French ? French : English;

    /// <summary>Joins phrases language by language.</summary>
    public static Phrase Join(string separator, IEnumerable<Phrase> phrases)
    {
        ArgumentNullException.ThrowIfNull(phrases);
        var list = phrases.ToList();
        return new(string.Join(separator, list.Select(phrase => phrase.English)), string.Join(separator, list.Select(phrase => phrase.French)));
    }

    /// <summary>Appends a sentence, language by language.</summary>
    public Phrase Then(Phrase next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return new(English + " " + next.English, French + " " + next.French);
    }
}
