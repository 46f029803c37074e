using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Subscriptions;

public enum SubscriptionOutcome
{
    Subscribed,
    AlreadySubscribed,
    Unsubscribed,
    NotSubscribed,

    /// <summary>The adapter says the person may not change this channel's subscriptions (not an admin).</summary>
    NotPermitted,

    /// <summary>No service was named.</summary>
    NoService,

    /// <summary>The name matches no catalog service; <see cref="SubscriptionResult.Suggestions"/> may help.</summary>
    UnknownService,

    /// <summary>A domain outside the catalog: the monitor only watches catalog services.</summary>
    NotInCatalog,

    /// <summary>The channel already follows as many services as allowed.</summary>
    LimitReached,
}

/// <summary>The answer to a (un)subscribe request, with a friendly message adapters may show as it is.</summary>
/// <param name="Services">The services concerned: subscribed, unsubscribed, or already so.</param>
public sealed record SubscriptionResult(
    SubscriptionOutcome Outcome,
    Phrase Message,
    IReadOnlyList<ServiceDefinition> Services,
    IReadOnlyList<ServiceDefinition> Suggestions)
{
    public bool Succeeded => Outcome is SubscriptionOutcome.Subscribed or SubscriptionOutcome.AlreadySubscribed
        or SubscriptionOutcome.Unsubscribed or SubscriptionOutcome.NotSubscribed;
}
