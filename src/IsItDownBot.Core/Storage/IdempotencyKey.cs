using System.Globalization;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// The outbox key that makes an alert unique: the transition, the incidents it reports and the channel.
/// Any store must build it the same way, so a row queued twice (a retried round) is kept once.
/// </summary>
internal static class IdempotencyKey
{
    /// <example><c>down:12,13:telegram:-100123</c></example>
    public static string For(TransitionKind kind, IEnumerable<long> incidentIds, ChannelRef channel)
    {
        var ids = string.Join(',', incidentIds.Order().Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var transition = kind == TransitionKind.Down ? "down" : "up";
        return $"{transition}:{ids}:{channel.Platform}:{channel.ChannelId}";
    }
}
