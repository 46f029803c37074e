using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Alerts;

/// <summary>An alert the monitor decided to send, before it is written to the outbox.</summary>
/// <param name="ServiceIds">The services whose transitions it reports: with the incidents they open or close,
/// they make the alert's idempotency key.</param>
public sealed record PlannedAlert(ChannelRef Channel, AlertMessage Message, IReadOnlyList<string> ServiceIds);
