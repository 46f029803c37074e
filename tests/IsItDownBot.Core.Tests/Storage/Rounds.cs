using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>What a monitor round hands the store, built the way the monitor would.</summary>
internal static class Rounds
{
    public static readonly DateTimeOffset Start = new(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);

    public static readonly ChannelRef TelegramChat = new("telegram", "-100123");
    public static readonly ChannelRef OtherTelegramChat = new("telegram", "-100456");
    public static readonly ChannelRef DiscordChannel = new("discord", "880000000000000001");

    public static readonly Cause DnsDown = new(
        CauseCodes.DnsAuthoritativeUnreachable,
        new("DNS failure: facebook.com's name servers are unreachable", "Panne DNS : les serveurs de noms de facebook.com sont injoignables"),
        new("Nobody can find it.", "Personne ne le trouve."));
    public static readonly Cause Ok = new(CauseCodes.Ok, new("Working normally", "Fonctionne normalement"), new("It answers again.", "Il répond de nouveau."));

    public static ServiceDefinition Service(string id, string? group = "meta") =>
        new(id, char.ToUpperInvariant(id[0]) + id[1..], [], group, $"{id}.com", [new Uri($"https://www.{id}.com/")], []);

    /// <summary>The service declared down at <paramref name="at"/>, with one alert per channel.</summary>
    public static RoundCommit Down(string serviceId, DateTimeOffset at, params ChannelRef[] channels)
    {
        var transition = new Transition(Service(serviceId), TransitionKind.Down, at, DnsDown, at);
        var state = new ServiceState(serviceId, ServiceHealth.Down, 2, 0, null, at);
        return new RoundCommit([state], [transition], [.. channels.Select(channel => Alert(channel, transition))]);
    }

    /// <summary>The service back up at <paramref name="at"/>, closing <paramref name="incidentId"/>.</summary>
    public static RoundCommit Up(string serviceId, long incidentId, DateTimeOffset downSince, DateTimeOffset at, params ChannelRef[] channels)
    {
        var transition = new Transition(Service(serviceId), TransitionKind.Up, at, Ok, downSince, incidentId);
        var state = new ServiceState(serviceId, ServiceHealth.Up, 0, 2, incidentId, null);
        return new RoundCommit([state], [transition], [.. channels.Select(channel => Alert(channel, transition))]);
    }

    public static PlannedAlert Alert(ChannelRef channel, params Transition[] transitions) =>
        new(channel, Message(transitions), [.. transitions.Select(transition => transition.Service.Id)]);

    public static AlertMessage Message(params Transition[] transitions) =>
        new(
            transitions[0].Kind,
            transitions.Length > 1 ? "Meta" : null,
            [.. transitions.Select(transition => new AlertItem(
                transition.Service.Id,
                transition.Service.Name,
                transition.Cause.Code,
                transition.Cause.Summary.English,
                transition.DownSince,
                transition.Duration))]);

    public static Subscription Subscription(ChannelRef channel, string serviceId, DateTimeOffset? at = null) =>
        new(channel, serviceId, "user-42", at ?? Start);
}
