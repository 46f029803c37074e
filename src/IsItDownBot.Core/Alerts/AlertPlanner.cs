using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Alerts;

/// <summary>
/// Turns a round's transitions into alerts per channel. Services of one group that change the same way in
/// the same round reach a channel subscribed to several of them as one message, not a burst.
/// </summary>
public static class AlertPlanner
{
    /// <param name="everything">Channels that receive every transition whatever their subscriptions (the log).</param>
    public static IReadOnlyList<PlannedAlert> Plan(
        IReadOnlyList<Transition> transitions,
        IReadOnlyList<Subscription> subscribers,
        IReadOnlyList<ChannelRef> everything,
        ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(subscribers);
        ArgumentNullException.ThrowIfNull(everything);
        ArgumentNullException.ThrowIfNull(catalog);
        if (transitions.Count == 0)
        {
            return [];
        }

        var recipients = subscribers
            .Select(subscription => (subscription.Channel, subscription.ServiceId))
            .Concat(everything.SelectMany(channel => transitions.Select(transition => (Channel: channel, transition.Service.Id))))
            .Distinct()
            .GroupBy(pair => pair.Item1, pair => pair.Item2);

        // A channel's alerts speak the language of its latest subscription: the last person to ask decides.
        var languages = subscribers
            .GroupBy(subscription => subscription.Channel)
            .ToDictionary(channel => channel.Key, channel => channel.MaxBy(subscription => subscription.SubscribedAt)!.Language);

        var alerts = new List<PlannedAlert>();
        foreach (var channel in recipients)
        {
            var wanted = channel.ToHashSet(StringComparer.Ordinal);
            var theirs = transitions.Where(transition => wanted.Contains(transition.Service.Id));
            foreach (var batch in theirs.GroupBy(transition => (transition.Kind, Group: transition.Service.Group ?? "\0" + transition.Service.Id)))
            {
                var members = batch.OrderBy(transition => transition.Service.Name, StringComparer.OrdinalIgnoreCase).ToList();
                var group = members.Count > 1 && members[0].Service.Group is { } id ? catalog.GroupName(id) : null;
                var message = new AlertMessage(batch.Key.Kind, group, [.. members.Select(transition => ToItem(transition, underGroupHeading: group is not null))])
                {
                    Language = languages.GetValueOrDefault(channel.Key),
                };
                alerts.Add(new PlannedAlert(channel.Key, message, [.. members.Select(transition => transition.Service.Id)]));
            }
        }

        return alerts;
    }

    // Under a heading that already names the group, each line says what its own service does, so that "Meta-wide
    // outage" is not repeated on every line.
    private static AlertItem ToItem(Transition transition, bool underGroupHeading)
    {
        var summary = underGroupHeading ? transition.Cause.SummaryAsMember : transition.Cause.Summary;
        return new(transition.Service.Id, transition.Service.Name, transition.Cause.Code, summary.English, transition.DownSince, transition.Duration)
        {
            SummaryFrench = summary.French,
        };
    }
}
