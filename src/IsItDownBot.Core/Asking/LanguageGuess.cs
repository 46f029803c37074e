using System.Collections.Frozen;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Asking;

/// <summary>
/// Which of the bot's languages a message is written in, from the words that only one of them uses ("panne",
/// "marche", "est", "pas" against "down", "working", "is", "not"). For platforms that give no locale with a
/// message (a Discord message, as opposed to a slash command): the answer then speaks as it was asked.
/// </summary>
internal static class LanguageGuess
{
    private static readonly FrozenSet<string> French = FrozenSet.ToFrozenSet(
    [
        "panne", "pannes", "marche", "marchent", "marcher", "fonctionne", "fonctionnent", "souci", "soucis", "probleme",
        "problemes", "plante", "rame", "tombe", "indisponible", "erreur", "bugue", "beug", "est", "sont", "pas", "plus",
        "je", "tu", "il", "ca", "c", "qu", "que", "qui", "quoi", "ne", "le", "la", "les", "des", "une", "avec", "chez",
        "pour", "aussi", "tout", "tous", "moi", "verifier", "statut", "etat", "abonne", "abonner", "desabonner",
        "abonnements", "aide", "previens", "arrete", "merci", "bonjour", "salut",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> English = FrozenSet.ToFrozenSet(
    [
        "down", "working", "work", "works", "broken", "outage", "problem", "problems", "issue", "issues", "crashed",
        "is", "are", "not", "the", "it", "my", "what", "whats", "does", "doesnt", "anyone", "for", "with", "me", "you",
        "check", "subscribe", "unsubscribe", "subscriptions", "help", "notify", "stop", "please", "thanks", "hello",
    ], StringComparer.Ordinal);

    /// <summary>The language most of the telling words belong to; null when none tells, or as many of each.</summary>
    public static Language? Of(IEnumerable<ChatWord> words)
    {
        ArgumentNullException.ThrowIfNull(words);
        int french = 0, english = 0;
        foreach (var word in words)
        {
            french += French.Contains(word.Key) ? 1 : 0;
            english += English.Contains(word.Key) ? 1 : 0;
        }

        return french > english ? Language.French : english > french ? Language.English : null;
    }
}
