using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Subscriptions;

/// <summary>The <c>IsItDown:Subscriptions</c> section.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "IsItDown:Subscriptions";
    public const int DefaultMaxPerChannel = 50;

    /// <summary>How many services one channel may follow; "all" counts each service.</summary>
    [Range(1, 10_000)]
    public int MaxPerChannel { get; set; } = DefaultMaxPerChannel;
}
