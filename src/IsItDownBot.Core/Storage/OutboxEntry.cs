using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// The outbox row a planned alert becomes inside a round's commit, whichever the provider: when it is due, the key
/// that makes it unique, and the message as stored.
/// </summary>
internal sealed record OutboxEntry(DateTimeOffset CreatedAt, string Key, string MessageJson)
{
    /// <param name="transitions">The round's transitions by service, each with the incident it opened or closed.</param>
    /// <param name="now">When the alert reports no transition at all (never in practice): due now.</param>
    public static OutboxEntry For(PlannedAlert alert, IReadOnlyDictionary<string, (Transition Transition, long IncidentId)> transitions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(transitions);
        var reported = alert.ServiceIds
            .Select(serviceId => transitions.TryGetValue(serviceId, out var changed)
                ? changed
                : throw new ArgumentException(
                    $"The alert for {alert.Channel} reports {serviceId}, which has no transition in this round.", nameof(alert)))
            .ToList();

        // Due at once: from when the transition happened, so the outbox stays in the order things happened.
        var createdAt = reported.Count == 0 ? now : reported.Max(changed => changed.Transition.At);
        var key = IdempotencyKey.For(alert.Message.Kind, reported.Select(changed => changed.IncidentId), alert.Channel);
        return new OutboxEntry(createdAt, key, AlertMessageJson.Serialize(alert.Message));
    }
}
