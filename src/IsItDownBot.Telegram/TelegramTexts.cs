using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Telegram;

/// <summary>
/// The bot's own words on Telegram, in English and French. The verdicts and causes come from the core,
/// in both languages; everything around them is here.
/// </summary>
internal sealed record TelegramTexts(
    Language Language,
    string CheckAgain,
    string AlertMe,
    string Evidence,
    string WhichService,
    string UnknownService,
    string DidYouMean,
    string StatusTitle,
    string NoSubscriptions,
    string SubscriptionsTitle,
    string OnlyAdmins,
    string Checking,
    string Since,
    string TryAgain,
    string Help)
{
    public static readonly TelegramTexts English = new(
        Language: Language.English,
        CheckAgain: "🔄 Check again",
        AlertMe: "🔔 Alert me",
        Evidence: "What I saw",
        WhichService: "Which service? For example: <code>/isitdown whatsapp</code>",
        UnknownService: "I don't know “{0}”.",
        DidYouMean: "Did you mean {0}?",
        StatusTitle: "Status of the services I watch",
        NoSubscriptions: "This chat gets no alerts yet. Try <code>/subscribe whatsapp</code> or <code>/subscribe all</code>.",
        SubscriptionsTitle: "This chat gets alerts for:",
        OnlyAdmins: "Only the group's administrators can change its alerts.",
        Checking: "Checking…",
        Since: "Down since {0} ({1}).",
        TryAgain: "Something went wrong on my side. Please try again in a moment.",
        Help: """
            <b>Is it down, or is it just me?</b>
            Ask me about a service and I check it right now: DNS, connection, certificate and web server.

            /isitdown <i>service</i> — check a service or a domain (facebook, insta, wa, example.org)
            /status — all the services I know
            /subscribe <i>service</i>|all — one alert when it goes down, one when it is back
            /unsubscribe <i>service</i>|all — stop those alerts
            /subscriptions — what this chat gets alerts for

            In a private chat, just ask: “is whatsapp down?”
            """);

    public static readonly TelegramTexts French = new(
        Language: Language.French,
        CheckAgain: "🔄 Revérifier",
        AlertMe: "🔔 M’alerter",
        Evidence: "Ce que j’ai vu",
        WhichService: "Quel service ? Par exemple : <code>/isitdown whatsapp</code>",
        UnknownService: "Je ne connais pas « {0} ».",
        DidYouMean: "Vouliez-vous dire {0} ?",
        StatusTitle: "État des services que je surveille",
        NoSubscriptions: "Ce chat ne reçoit encore aucune alerte. Essayez <code>/subscribe whatsapp</code> ou <code>/subscribe all</code>.",
        SubscriptionsTitle: "Ce chat reçoit des alertes pour :",
        OnlyAdmins: "Seuls les administrateurs du groupe peuvent changer ses alertes.",
        Checking: "Vérification…",
        Since: "En panne depuis le {0} ({1}).",
        TryAgain: "Un problème de mon côté. Réessayez dans un instant.",
        Help: """
            <b>En panne, ou c’est juste moi ?</b>
            Demandez-moi un service et je le vérifie tout de suite : DNS, connexion, certificat et serveur web.

            /isitdown <i>service</i> — vérifier un service ou un domaine (facebook, insta, wa, example.org)
            /status — tous les services que je connais
            /subscribe <i>service</i>|all — une alerte quand il tombe, une quand il revient
            /unsubscribe <i>service</i>|all — arrêter ces alertes
            /subscriptions — les alertes de ce chat

            En privé, posez simplement la question : « whatsapp est en panne ? »
            """);

    public static TelegramTexts For(Language language) => language == Language.French ? French : English;
}
