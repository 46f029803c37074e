using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Alerts;

/// <summary>An alert waiting in the durable outbox, claimed by a dispatcher for delivery.</summary>
/// <param name="IdempotencyKey">Unique per (incidents, transition, channel): the same alert is never queued twice,
/// and platforms that can deduplicate (Discord's nonce) are given it.</param>
/// <param name="ClaimToken">Proof of the claim: marking a row needs it, so a dispatcher whose lease ran out
/// cannot mark a row another dispatcher now holds.</param>
public sealed record OutboxAlert(
    long Id,
    ChannelRef Channel,
    string IdempotencyKey,
    AlertMessage Message,
    int Attempts,
    DateTimeOffset CreatedAt,
    string ClaimToken);
