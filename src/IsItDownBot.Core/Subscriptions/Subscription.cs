using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Subscriptions;

/// <summary>A channel that wants alerts about a service.</summary>
/// <param name="SubscribedBy">Who asked, as the platform names them (a user id or name), for the record.</param>
public sealed record Subscription(ChannelRef Channel, string ServiceId, string SubscribedBy, DateTimeOffset SubscribedAt)
{
    /// <summary>The language the subscriber asked in: the channel's alerts are written in it.</summary>
    public Language Language { get; init; }
}
