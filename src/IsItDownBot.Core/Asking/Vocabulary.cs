using System.Collections.Frozen;

namespace IsItDownBot.Core.Asking;

/// <summary>
/// The English and French words the parser knows, as folded keys (lower case, no accents, no apostrophes:
/// "qu'est-ce" arrives as "qu", "est", "ce"). None of these is ever taken for a service name or typo-matched
/// to one, so a word belongs here when people use it around a name rather than as one.
/// </summary>
internal static class Vocabulary
{
    /// <summary>Slash commands, with the Telegram "@bot" suffix already removed.</summary>
    public static readonly FrozenDictionary<string, Intent> Commands = new Dictionary<string, Intent>
    {
        ["isitdown"] = Intent.Check,
        ["down"] = Intent.Check,
        ["check"] = Intent.Check,
        ["verifier"] = Intent.Check,
        ["status"] = Intent.Status,
        ["statut"] = Intent.Status,
        ["etat"] = Intent.Status,
        ["subscribe"] = Intent.Subscribe,
        ["sub"] = Intent.Subscribe,
        ["abonner"] = Intent.Subscribe,
        ["unsubscribe"] = Intent.Unsubscribe,
        ["unsub"] = Intent.Unsubscribe,
        ["desabonner"] = Intent.Unsubscribe,
        ["subscriptions"] = Intent.Subscriptions,
        ["abonnements"] = Intent.Subscriptions,
        ["help"] = Intent.Help,
        ["aide"] = Intent.Help,
        ["start"] = Intent.Help,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Words saying something is broken: they make the neighbouring word a name worth looking up.</summary>
    public static readonly FrozenSet<string> DownWords = Set(
        "down", "outage", "outages", "broken", "broke", "dead", "died", "offline", "unreachable", "unavailable",
        "inaccessible", "work", "works", "working", "workin", "crash", "crashed", "crashing", "crashes",
        "bug", "bugs", "buggy", "bugged", "bugging", "glitch", "glitching", "glitchy", "lag", "lagging", "laggy",
        "issue", "issues", "problem", "problems", "trouble", "fail", "fails", "failed", "failing", "error",
        "errors", "load", "loading", "loads", "up",
        "panne", "pannes", "marche", "marchent", "marcher", "fonctionne", "fonctionnent", "fonctionner",
        "bugue", "buggue", "bugge", "beug", "beugue", "beuge", "plante", "plantage", "rame", "souci", "soucis",
        "probleme", "problemes", "pb", "hs", "ko", "tombe", "indisponible", "dispo", "disponible", "erreur",
        "erreurs", "rade", "mort", "bloque", "coupe", "crashe", "lent", "lente");

    public static readonly FrozenSet<string> StatusWords = Set("status", "statut", "statuts", "etat", "etats", "overview");

    public static readonly FrozenSet<string> HelpWords = Set(
        "help", "aide", "aider", "aidez", "commands", "commandes", "usage");

    /// <summary>Verbs that subscribe on their own ("abonne-moi à WhatsApp").</summary>
    public static readonly FrozenSet<string> SubscribeWords = Set(
        "subscribe", "abonne", "abonner", "abonnez", "abonnes", "inscris", "inscrire");

    public static readonly FrozenSet<string> UnsubscribeWords = Set(
        "unsubscribe", "unsub", "desabonne", "desabonner", "desabonnez", "desinscris", "desinscrire", "unfollow");

    /// <summary>"Notify me", "préviens-moi": subscribe only when followed by a pronoun, as "alert" is also a noun.</summary>
    public static readonly FrozenSet<string> NotifyVerbs = Set(
        "notify", "alert", "warn", "ping", "previens", "prevenir", "previens", "alerte", "alerter", "notifie");

    public static readonly FrozenSet<string> Pronouns = Set("me", "us", "moi", "nous", "m");

    /// <summary>"Stop the alerts", "arrête les notifs": unsubscribe when one of these meets an <see cref="AlertNouns"/> word.</summary>
    public static readonly FrozenSet<string> StopVerbs = Set(
        "stop", "cancel", "remove", "mute", "arrete", "arreter", "annule", "annuler", "supprime", "supprimer", "retire");

    public static readonly FrozenSet<string> AlertNouns = Set(
        "alert", "alerts", "alerte", "alertes", "notification", "notifications", "notif", "notifs",
        "subscription", "subscriptions", "abonnement", "abonnements");

    /// <summary>"/subscribe all", "abonne-moi à tout"; with a down word and no name, "is everything down?" asks for the overview.</summary>
    public static readonly FrozenSet<string> AllWords = Set(
        "all", "everything", "every", "anything", "tout", "tous", "toutes", "toute");

    /// <summary>"What's down?", "qu'est-ce qui est en panne ?": with a down word and no name, the overview.</summary>
    public static readonly FrozenSet<string> WhatWords = Set("what", "whats", "which", "quoi", "qui", "quels", "quelles", "quel", "quelle");

    /// <summary>Words around a name that are never one: grammar, chat filler, time, and generic nouns for "the thing".</summary>
    private static readonly FrozenSet<string> Filler = Set(
        // English grammar.
        "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "im", "it", "its", "this",
        "that", "there", "theres", "these", "those", "i", "me", "my", "mine", "we", "us", "our", "you", "your",
        "u", "ur", "r", "he", "she", "they", "them", "their", "his", "her", "do", "does", "did", "doing", "done",
        "dont", "don", "doesnt", "didnt", "isnt", "arent", "wasnt", "cant", "cannot", "can", "could", "will",
        "would", "wont", "should", "shall", "may", "might", "must", "have", "has", "had", "having", "not", "no",
        "nor", "yes", "and", "or", "but", "if", "so", "too", "very", "just", "only", "also", "still", "again",
        "already", "yet", "now", "right", "any", "anyone", "anybody", "everyone", "everybody", "someone",
        "somebody", "one", "else", "other", "others", "nothing", "something", "for", "to", "of", "in", "on",
        "at", "by", "with", "without", "from", "about", "as", "into", "over", "out", "off", "back", "here",
        "where", "when", "who", "why", "how", "hows", "whether", "s", "t", "d", "ll", "ve", "re", "m",
        "get", "getting", "got", "go", "goes", "going", "gone", "see", "seeing", "know", "tell", "check",
        "checking", "happening", "happened", "wrong", "going", "acting", "weird", "fine", "ok", "okay",
        "again", "anymore", "really", "seems", "seem", "like", "think", "guess", "maybe", "because", "cause",
        "or", "else", "new", "thing", "stuff", "want", "need", "please", "pls", "plz", "thanks", "thank",
        "thx", "ty", "hey", "hi", "hello", "yo", "guys", "bro", "man", "dude", "bot", "lol", "lmao", "omg",
        "wtf", "idk", "rn", "atm", "tho", "fr", "ngl", "smh", "hmm", "ugh", "uh", "um", "huh", "oh", "ah",
        "just", "same", "too", "mine", "side", "end", "world", "worldwide", "everywhere", "country", "region",
        "slow", "online", "available", "accessible", "reachable", "login", "log", "logging", "sign", "signing",
        "connect", "connecting", "connection", "send", "sending", "open", "opening", "use", "using", "access",
        // Time.
        "today", "tonight", "currently", "since", "ago", "min", "mins", "minute", "minutes", "hour", "hours",
        "hr", "hrs", "h", "sec", "secs", "second", "seconds", "day", "days", "week", "morning", "evening",
        "night", "yesterday", "moment", "while",
        // Generic nouns for "the service" and common words one edit from a catalog name ("stream" / Steam).
        "account", "accounts", "app", "apps", "application", "applications", "site", "sites", "website",
        "websites", "web", "server", "servers", "service", "services", "page", "pages", "network", "platform",
        "feed", "message", "messages", "dm", "dms", "video", "videos", "story", "stories", "stream", "streams",
        "streaming", "team", "call", "calls", "voice", "api", "phone", "computer", "pc", "mobile", "android",
        "iphone", "ios", "wifi",
        // French grammar.
        "est", "es", "sont", "suis", "etre", "ete", "c", "ce", "ca", "cela", "ceci", "que", "qu", "le", "la",
        "les", "l", "un", "une", "des", "de", "du", "d", "au", "aux", "en", "dans", "sur", "avec", "pour",
        "par", "chez", "sans", "sous", "et", "ou", "mais", "donc", "ni", "car", "ne", "n", "pas", "plus",
        "jamais", "rien", "personne", "toujours", "encore", "deja", "maintenant", "actuellement", "aujourd",
        "hui", "ce", "soir", "matin", "y", "ya", "il", "elle", "ils", "elles", "on", "vous", "je", "j",
        "moi", "toi", "nous", "tu", "te", "se", "mon", "ma", "mes", "ton", "ta", "tes", "son", "sa", "ses", "notre", "votre",
        "leur", "leurs", "lui", "eux", "a", "ai", "as", "avez", "ont", "avoir", "fait", "faire", "fais",
        "font", "peut", "peux", "pouvez", "pourquoi", "comment", "quand", "combien", "oui", "non", "bon",
        "bah", "ben", "euh", "hein", "wesh", "svp", "stp", "merci", "salut", "bonjour", "bonsoir", "coucou",
        "allo", "seul", "seulement", "juste", "aussi", "monde", "partout", "autre", "autres", "gens", "tlm",
        "quelqu", "quelque", "chose", "nul", "ah", "oh", "eh", "mdr", "ptdr", "serieux", "vraiment", "grave",
        "trop", "tres", "bien", "mal", "normal", "depuis", "heure", "heures", "jour", "jours", "semaine",
        "hier", "ici", "la", "vers", "entre", "cote", "fois", "veux", "voudrais", "sais", "savoir", "dire",
        "dis", "regarde", "verifie", "verifier", "connexion", "connecter", "compte", "comptes", "appli",
        "applis", "serveur", "serveurs", "reseau", "acces", "charge", "chargement", "truc", "marchait",
        "fonctionnait", "telephone", "portable", "ordi");

    /// <summary>True for a word that never names a service: a known word or a bare number.</summary>
    public static bool IsFiller(string key) =>
        Filler.Contains(key)
        || DownWords.Contains(key)
        || StatusWords.Contains(key)
        || HelpWords.Contains(key)
        || SubscribeWords.Contains(key)
        || UnsubscribeWords.Contains(key)
        || NotifyVerbs.Contains(key)
        || StopVerbs.Contains(key)
        || AlertNouns.Contains(key)
        || AllWords.Contains(key)
        || WhatWords.Contains(key)
        || Commands.ContainsKey(key)
        || key.All(char.IsAsciiDigit);

    private static FrozenSet<string> Set(params string[] words) => words.ToFrozenSet(StringComparer.Ordinal);
}
