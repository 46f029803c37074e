using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Discord.Bot;

/// <summary>The bot's own words on Discord, in English and French (the interaction's locale).</summary>
internal sealed record DiscordTexts(
    Language Language,
    string CheckAgain, string AlertChannel, string Since, string StatusTitle,
    string WhichService, string UnknownService, string DidYouMean,
    string NoSubscriptions, string SubscriptionsTitle, string OnlyModerators, string TryAgain, string Help)
{
    public static readonly DiscordTexts English = new(
        Language.English,
        "Check again", "Alert this channel", "Down since {0} ({1}).", "Status of the services I watch",
        "Which service? For example: `/isitdown service:whatsapp`", "I don't know “{0}”.", "Did you mean {0}?",
        "This channel gets no alerts yet. Try `/subscribe service:whatsapp`.", "This channel gets alerts for:",
        "Only members who can manage channels can change this channel's alerts.",
        "Something went wrong on my side. Please try again in a moment.",
        """
        **Is it down, or is it just me?** I check a service right now: DNS, connection, certificate and web server.
        `/isitdown service:` check a service or a domain (facebook, insta, wa, example.org)
        `/status` all the services I know
        `/subscribe service:` one alert in this channel when it goes down, one when it is back (or `all`)
        `/unsubscribe service:` stop those alerts · `/subscriptions` what this channel gets
        You can also mention me: “@IsItDown is whatsapp down?”
        """);

    public static readonly DiscordTexts French = new(
        Language.French,
        "Revérifier", "Alerter ce salon", "En panne depuis le {0} ({1}).", "État des services que je surveille",
        "Quel service ? Par exemple : `/isitdown service:whatsapp`", "Je ne connais pas « {0} ».", "Vouliez-vous dire {0} ?",
        "Ce salon ne reçoit encore aucune alerte. Essayez `/subscribe service:whatsapp`.", "Ce salon reçoit des alertes pour :",
        "Seuls les membres qui peuvent gérer les salons peuvent changer ses alertes.",
        "Un problème de mon côté. Réessayez dans un instant.",
        """
        **En panne, ou c’est juste moi ?** Je vérifie un service tout de suite : DNS, connexion, certificat et serveur web.
        `/isitdown service:` vérifier un service ou un domaine (facebook, insta, wa, example.org)
        `/status` tous les services que je connais
        `/subscribe service:` une alerte dans ce salon quand il tombe, une quand il revient (ou `all`)
        `/unsubscribe service:` arrêter ces alertes · `/subscriptions` les alertes de ce salon
        Vous pouvez aussi me mentionner : « @IsItDown whatsapp est en panne ? »
        """);

    /// <summary>French for a French Discord client ("fr"), English otherwise.</summary>
    public static DiscordTexts For(string? locale) =>
        locale is not null && locale.StartsWith("fr", StringComparison.OrdinalIgnoreCase) ? French : English;
}
