using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Subscriptions;

/// <summary>
/// Subscribe, unsubscribe and list, for any platform. Whether the person may change a channel's subscriptions
/// is the adapter's decision (it knows who is an admin); this refuses when it was not granted.
/// </summary>
public sealed partial class SubscriptionService(
    IBotStore store, ServiceCatalog catalog, IOptions<SubscriptionOptions> options, TimeProvider time, ILogger<SubscriptionService>? logger = null)
{
    public const string AllServices = "all";

    private ILogger Logger { get; } = logger ?? NullLogger<SubscriptionService>.Instance;

    /// <param name="target">A service name, alias or "all", as the person typed it.</param>
    /// <param name="permitted">The adapter's verdict: may this person manage the channel's alerts?</param>
    /// <param name="language">The language the person asked in: the channel's alerts will be written in it.</param>
    public async Task<SubscriptionResult> SubscribeAsync(
        ChannelRef channel, string? target, string subscribedBy, bool permitted, Language language = Language.English, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!permitted)
        {
            return Refused(SubscriptionOutcome.NotPermitted, new("Only the channel's administrators can change its alerts.", "Seuls les administrateurs du salon peuvent changer ses alertes."));
        }

        var (services, problem) = Resolve(target);
        if (problem is not null)
        {
            return problem;
        }

        var existing = (await store.ListSubscriptionsAsync(channel, cancellationToken).ConfigureAwait(false))
            .Select(subscription => subscription.ServiceId)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fresh = services.Where(service => !existing.Contains(service.Id)).ToList();
        if (fresh.Count == 0)
        {
            return new SubscriptionResult(SubscriptionOutcome.AlreadySubscribed,
                new($"This channel already gets alerts for {Names(services).English}.", $"Ce salon reçoit déjà les alertes pour {Names(services).French}."), services, []);
        }

        var limit = options.Value.MaxPerChannel;
        if (existing.Count + fresh.Count > limit)
        {
            return Refused(SubscriptionOutcome.LimitReached, new(
                $"A channel can follow at most {limit} services, and this one follows {existing.Count}. Unsubscribe from some first.",
                $"Un salon peut suivre au plus {limit} services, et celui-ci en suit {existing.Count}. Désabonnez-le d’abord de certains."));
        }

        var now = time.GetUtcNow();
        foreach (var service in fresh)
        {
            await store.AddSubscriptionAsync(new Subscription(channel, service.Id, subscribedBy, now) { Language = language }, cancellationToken).ConfigureAwait(false);
            LogSubscribed(Logger, service.Id, channel.Platform, channel.ChannelId);
        }

        return new SubscriptionResult(SubscriptionOutcome.Subscribed,
            fresh.Count == 1
                ? new($"Subscribed: this channel will get one alert when {fresh[0].Name} goes down, and one when it is back.",
                    $"C’est noté : ce salon recevra une alerte quand {fresh[0].Name} tombe en panne, et une quand il revient.")
                : new($"Subscribed to {Names(fresh).English}: this channel will get one alert when any of them goes down, and one when it is back.",
                    $"Abonné à {Names(fresh).French} : ce salon recevra une alerte quand l’un d’eux tombe en panne, et une quand il revient."),
            fresh, []);
    }

    public async Task<SubscriptionResult> UnsubscribeAsync(ChannelRef channel, string? target, bool permitted, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (!permitted)
        {
            return Refused(SubscriptionOutcome.NotPermitted, new("Only the channel's administrators can change its alerts.", "Seuls les administrateurs du salon peuvent changer ses alertes."));
        }

        var current = await store.ListSubscriptionsAsync(channel, cancellationToken).ConfigureAwait(false);
        var (services, problem) = string.Equals(target?.Trim(), AllServices, StringComparison.OrdinalIgnoreCase)
            ? ([.. current.Select(subscription => catalog.Find(subscription.ServiceId) ?? Placeholder(subscription.ServiceId))], null)
            : Resolve(target);
        if (problem is not null)
        {
            return problem;
        }

        var removed = new List<ServiceDefinition>();
        foreach (var service in services)
        {
            if (await store.RemoveSubscriptionAsync(channel, service.Id, cancellationToken).ConfigureAwait(false))
            {
                LogUnsubscribed(Logger, service.Id, channel.Platform, channel.ChannelId);
                removed.Add(service);
            }
        }

        return removed.Count == 0
            ? new SubscriptionResult(SubscriptionOutcome.NotSubscribed,
                services.Count == 0
                    ? new("This channel has no alerts to remove.", "Ce salon n’a aucune alerte à retirer.")
                    : new($"This channel was not getting alerts for {Names(services).English}.", $"Ce salon ne recevait pas d’alertes pour {Names(services).French}."),
                services, [])
            : new SubscriptionResult(SubscriptionOutcome.Unsubscribed,
                new($"Unsubscribed: no more alerts for {Names(removed).English}.", $"Désabonné : plus d’alertes pour {Names(removed).French}."), removed, []);
    }

    /// <summary>The services a channel follows, in catalog order; ids no longer in the catalog are kept by id.</summary>
    public async Task<IReadOnlyList<ServiceDefinition>> ListAsync(ChannelRef channel, CancellationToken cancellationToken = default)
    {
        var subscriptions = await store.ListSubscriptionsAsync(channel, cancellationToken).ConfigureAwait(false);
        return [.. subscriptions
            .Select(subscription => catalog.Find(subscription.ServiceId) ?? Placeholder(subscription.ServiceId))
            .OrderBy(service => service.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private (IReadOnlyList<ServiceDefinition> Services, SubscriptionResult? Problem) Resolve(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return ([], Refused(SubscriptionOutcome.NoService, new("Which service? For example: subscribe whatsapp, or subscribe all.", "Quel service ? Par exemple : subscribe whatsapp, ou subscribe all.")));
        }

        if (string.Equals(target.Trim(), AllServices, StringComparison.OrdinalIgnoreCase))
        {
            return (catalog.Services, null);
        }

        var lookup = catalog.Lookup(target);
        return lookup.Kind switch
        {
            CatalogLookupKind.Service => ([lookup.Service!], null),
            CatalogLookupKind.Domain => ([], Refused(SubscriptionOutcome.NotInCatalog, new(
                $"I can check {lookup.Service!.Name} when you ask, but alerts are only for the services I watch. Ask for the list with /help.",
                $"Je peux vérifier {lookup.Service!.Name} à la demande, mais les alertes ne concernent que les services que je surveille. La liste : /help."))),
            _ => ([], new SubscriptionResult(SubscriptionOutcome.UnknownService,
                lookup.Suggestions.Count > 0
                    ? new($"I don't know \"{Shorten(target)}\". Did you mean {string.Join(" or ", lookup.Suggestions.Select(service => service.Name))}?",
                        $"Je ne connais pas « {Shorten(target)} ». Vouliez-vous dire {string.Join(" ou ", lookup.Suggestions.Select(service => service.Name))} ?")
                    : new($"I don't know \"{Shorten(target)}\".", $"Je ne connais pas « {Shorten(target)} »."),
                [], lookup.Suggestions)),
        };
    }

    private static SubscriptionResult Refused(SubscriptionOutcome outcome, Phrase message) => new(outcome, message, [], []);

    private static ServiceDefinition Placeholder(string id) => new(id, id, [], null, "", [], []);

    private static Phrase Names(IReadOnlyList<ServiceDefinition> services)
    {
        var first = string.Join(", ", services.Take(services.Count - 1).Select(service => service.Name));
        return services.Count switch
        {
            0 => new("nothing", "rien"),
            1 => new(services[0].Name, services[0].Name),
            <= 4 => new($"{first} and {services[^1].Name}", $"{first} et {services[^1].Name}"),
            _ => new($"{services.Count} services", $"{services.Count} services"),
        };
    }

    // What a person typed goes back into a reply: keep it short.
    private static string Shorten(string text) => text.Length <= 40 ? text.Trim() : text[..40].Trim() + "...";

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "{Platform}:{Channel} subscribed to {Service}")]
    private static partial void LogSubscribed(ILogger logger, string service, string platform, string channel);

    [LoggerMessage(EventId = 321, Level = LogLevel.Information, Message = "{Platform}:{Channel} unsubscribed from {Service}")]
    private static partial void LogUnsubscribed(ILogger logger, string service, string platform, string channel);
}
