using System.Collections.Frozen;
using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Asking;

/// <summary>
/// Turns what people type in a chat, in English or French, into a <see cref="Question"/>:
/// "/isitdown fb", "is WhatsApp down??", "insta marche plus", "example.org", "abonne-moi à WhatsApp".
/// Never throws: chat text is whatever people and other bots send.
/// </summary>
public sealed class QuestionParser
{
    // Names run to three words once apostrophes split them: "what's app" is "what", "s", "app".
    private const int MaxNameWords = 3;

    private const int MaxNameLength = 63;

    private readonly ServiceCatalog _catalog;

    public QuestionParser(ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        _catalog = catalog;
    }

    public Question Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Question.Nothing;
        }

        var chunks = ChatText.Chunks(text);
        if (chunks.Count == 0)
        {
            return Question.Nothing;
        }

        var question = chunks[0].StartsWith('/') ? ParseCommand(chunks) : ParseSentence(new Message(chunks));
        return question.Intent == Intent.None
            ? question
            : question with { Language = LanguageGuess.Of(chunks.SelectMany(ChatText.Words)) };
    }

    private Question ParseCommand(List<string> chunks)
    {
        // "/isitdown@SomeBot fb": Telegram appends the bot's name in groups.
        var name = chunks[0][1..];
        var at = name.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            name = name[..at];
        }

        if (!Vocabulary.Commands.TryGetValue(ServiceCatalog.Key(name), out var intent))
        {
            // Another bot's command, or a path like "/r/something": not ours to answer.
            return Question.Nothing;
        }

        var argument = new Message(chunks.Skip(1));
        var target = FindTarget(argument, named: true);
        var all = target is null && argument.Has(Vocabulary.AllWords);
        return intent switch
        {
            Intent.Help => new Question(Intent.Help, null),

            // "/status fb" asks about Facebook; "/check all" asks about everything.
            Intent.Status or Intent.Check when target is not null => new Question(Intent.Check, target),
            Intent.Check when all => new Question(Intent.Status, null),
            Intent.Status => new Question(Intent.Status, null),
            Intent.Subscribe or Intent.Unsubscribe => new Question(intent, target, all),
            _ => new Question(intent, null),
        };
    }

    private Question ParseSentence(Message message)
    {
        var subscription = SubscriptionIntent(message);
        if (subscription != Intent.None)
        {
            var named = FindTarget(message, named: true);
            return new Question(subscription, named, named is null && message.Has(Vocabulary.AllWords));
        }

        if (FindTarget(message, named: false) is { } target)
        {
            return new Question(Intent.Check, target);
        }

        if (message.Has(Vocabulary.HelpWords))
        {
            return new Question(Intent.Help, null);
        }

        // "status", "état ?", and questions about everything at once: "what's down?", "tout est en panne ?".
        if (message.Has(Vocabulary.StatusWords)
            || (message.Has(Vocabulary.DownWords) && (message.Has(Vocabulary.WhatWords) || message.Has(Vocabulary.AllWords))))
        {
            return new Question(Intent.Status, null);
        }

        return Question.Nothing;
    }

    private static Intent SubscriptionIntent(Message message)
    {
        if (message.Has(Vocabulary.UnsubscribeWords)
            || (message.Has(Vocabulary.StopVerbs) && message.Has(Vocabulary.AlertNouns)))
        {
            return Intent.Unsubscribe;
        }

        if (message.Has(Vocabulary.SubscribeWords))
        {
            return Intent.Subscribe;
        }

        var words = message.Words;
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (Vocabulary.NotifyVerbs.Contains(words[i].Key) && Vocabulary.Pronouns.Contains(words[i + 1].Key))
            {
                return Intent.Subscribe;
            }
        }

        return Intent.None;
    }

    /// <summary>
    /// What the message names, most specific first: a catalog host ("mail.google.com"), a catalog name
    /// (possibly several words: "meta quest", "whats app"), another domain, then a typo or an unknown name.
    /// Catalog names beat other domains because run-together sentences look like domains ("fb down.lol").
    /// </summary>
    /// <param name="named">True where the user is naming something (a command's argument, "subscribe me to ...").</param>
    private CatalogLookup? FindTarget(Message message, bool named)
    {
        var hosts = message.Hosts.Select(host => _catalog.Lookup(host)).ToList();
        if (hosts.FirstOrDefault(lookup => lookup.Kind == CatalogLookupKind.Service) is { } catalogHost)
        {
            return catalogHost;
        }

        // Without a command, a down word or a one-word message, text is chat, not a question about a service:
        // only the catalog's longer names count, never a lone letter ("bored x") or a guess.
        var asked = named || message.DownWordIndexes.Count > 0 || message.Words.Count == 1;
        if (FindCatalogName(message.Words, asked) is { } service)
        {
            return service;
        }

        if (hosts.Count > 0)
        {
            return hosts[0];
        }

        if (!asked)
        {
            return null;
        }

        var candidates = NameCandidates(message);
        foreach (var candidate in candidates)
        {
            var lookup = _catalog.Lookup(candidate.Raw, allowTypos: true);
            if (lookup.Kind == CatalogLookupKind.Service)
            {
                return lookup;
            }
        }

        // Nothing known: report the likeliest name, preferring one with suggestions.
        return candidates
            .Select(candidate => _catalog.Lookup(candidate.Raw))
            .OrderByDescending(lookup => lookup.Suggestions.Count > 0)
            .FirstOrDefault();
    }

    /// <summary>The first catalog id, name or alias in the words, trying longer names first at each position.</summary>
    private CatalogLookup? FindCatalogName(List<ChatWord> words, bool asked)
    {
        for (var start = 0; start < words.Count; start++)
        {
            for (var count = Math.Min(MaxNameWords, words.Count - start); count >= 1; count--)
            {
                var span = words.Skip(start).Take(count).ToList();
                var key = string.Concat(span.Select(word => word.Key));
                if (count == 1 ? Vocabulary.IsFiller(key) : key.Length < 4)
                {
                    // Stray letters must not spell a short alias ("w a" is not WhatsApp), nor filler a name.
                    continue;
                }

                if (key.Length == 1 && !asked)
                {
                    continue;
                }

                if (_catalog.Find(key) is { } service)
                {
                    var raw = string.Join(' ', span.Select(word => word.Raw));
                    return new CatalogLookup(raw, CatalogLookupKind.Service, service, []);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Words that may be a name: not filler, two to 63 letters (a DNS label's limit: longer is a pasted blob),
    /// nearest a down word first. English puts
    /// the name before it ("is X down", "X not working"), French often after ("un souci avec X").
    /// </summary>
    private static List<ChatWord> NameCandidates(Message message)
    {
        var signals = message.DownWordIndexes;
        return [.. message.Words
            .Select((word, index) => (word, index))
            .Where(pair => pair.word.Key.Length is >= 2 and <= MaxNameLength && !Vocabulary.IsFiller(pair.word.Key))
            .OrderBy(pair => signals.Count == 0 ? 0 : signals.Min(signal => Math.Abs(signal - pair.index)))
            .ThenBy(pair => pair.index)
            .Select(pair => pair.word)];
    }

    /// <summary>A message cut into host-like chunks ("example.org", "https://x.com/") and words.</summary>
    private sealed class Message
    {
        // Characters around a chunk that are punctuation, not part of a host: "(example.org)", "fb.com?".
        private static readonly char[] Wrapping = ['.', ',', ';', '!', '?', '¿', '¡', '"', '\'', '`', '*', '_', '~', '(', ')', '<', '>', '«', '»', '“', '”', '‘', '’', '|', '…'];

        public Message(IEnumerable<string> chunks)
        {
            foreach (var chunk in chunks)
            {
                var trimmed = chunk.Trim(Wrapping);
                if ((trimmed.Contains('.', StringComparison.Ordinal) || trimmed.Contains(':', StringComparison.Ordinal))
                    && HostName.TryParse(trimmed, out _))
                {
                    // Kept whole: split into words, "foo.x.ai" would name X.
                    Hosts.Add(trimmed);
                    continue;
                }

                Words.AddRange(ChatText.Words(chunk));
            }

            for (var i = 0; i < Words.Count; i++)
            {
                if (Vocabulary.DownWords.Contains(Words[i].Key) || Vocabulary.StatusWords.Contains(Words[i].Key))
                {
                    DownWordIndexes.Add(i);
                }
            }
        }

        public List<string> Hosts { get; } = [];

        public List<ChatWord> Words { get; } = [];

        /// <summary>Where words say something is broken, or ask for a status: the name is near them.</summary>
        public List<int> DownWordIndexes { get; } = [];

        public bool Has(FrozenSet<string> vocabulary) => Words.Any(word => vocabulary.Contains(word.Key));
    }
}
