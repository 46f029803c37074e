using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Telegram;

/// <summary>Answers to (un)subscribe requests, in the person's language, as plain text (escape it for HTML).</summary>
internal static class TelegramReplies
{
    public static string Subscription(SubscriptionResult result, Language language)
    {
        ArgumentNullException.ThrowIfNull(result);

        // Telegram calls the people who may change a group's alerts its administrators.
        return result.Outcome == SubscriptionOutcome.NotPermitted
            ? TelegramTexts.For(language).OnlyAdmins
            : result.Message.In(language);
    }
}
