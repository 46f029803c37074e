using IsItDownBot.Core.Explaining;
using System.Globalization;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Telegram;

/// <summary>Answers to (un)subscribe requests, in the person's language, as plain text (escape it for HTML).</summary>
internal static class TelegramReplies
{
    public static string Subscription(SubscriptionResult result, Language language)
    {
        ArgumentNullException.ThrowIfNull(result);
        var names = string.Join(", ", result.Services.Select(service => service.Name));
        if (result.Outcome == SubscriptionOutcome.NotPermitted)
        {
            return TelegramTexts.For(language).OnlyAdmins;
        }

        if (language == Language.English || result.Outcome is SubscriptionOutcome.UnknownService)
        {
            return result.Message;
        }

        var text = result.Outcome switch
        {
            SubscriptionOutcome.Subscribed => "C’est noté : ce chat recevra une alerte quand {0} tombe en panne, et une quand il revient.",
            SubscriptionOutcome.AlreadySubscribed => "Ce chat reçoit déjà les alertes pour {0}.",
            SubscriptionOutcome.Unsubscribed => "Désabonné : plus d’alertes pour {0}.",
            SubscriptionOutcome.NotSubscribed => "Ce chat ne recevait pas d’alertes pour ça.",
            SubscriptionOutcome.NoService => "Quel service ? Par exemple : /subscribe whatsapp, ou /subscribe all.",
            SubscriptionOutcome.NotInCatalog => "Je peux vérifier ce domaine à la demande, mais les alertes ne concernent que les services que je surveille.",
            SubscriptionOutcome.LimitReached => "Ce chat suit déjà autant de services que permis. Désabonnez-le d’abord de certains.",
            _ => result.Message,
        };
        return string.Format(CultureInfo.InvariantCulture, text, names);
    }
}
