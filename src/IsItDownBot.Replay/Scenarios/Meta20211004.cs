using IsItDownBot.Core.Explaining;
using IsItDownBot.Replay.Loopback;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// 4 October 2021: a maintenance command took Meta's backbone down; its DNS servers, finding themselves cut off,
/// withdrew their own routes, so the whole internet lost the way to facebook.com, instagram.com and whatsapp.com
/// for about six hours. The edge servers failed first, then DNS everywhere.
/// </summary>
public sealed class Meta20211004 : IReplayScenario
{
    private static readonly string[] Zones = ["facebook.test", "instagram.test", "whatsapp.test"];

    public string Id => "meta-2021-10-04";

    public bool IsIllustrative => false;

    public Phrase Title => new(
        "Facebook, Instagram and WhatsApp vanish from the internet (4 October 2021)",
        "Facebook, Instagram et WhatsApp disparaissent d’internet (4 octobre 2021)");

    public Phrase Description => new(
        "Meta's edge servers fail first, then its name servers withdraw their routes: every resolver answers SERVFAIL, until the routes come back six hours later.",
        "Les serveurs frontaux de Meta tombent d’abord, puis ses serveurs de noms retirent leurs routes : tous les résolveurs répondent SERVFAIL, jusqu’au retour des routes six heures plus tard.");

    public IReadOnlyList<string> Featured { get; } = ["facebook"];

    public IReadOnlyList<string> Watched { get; } = ["facebook", "instagram", "whatsapp"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Utc("2021-10-04 15:30", new(
            "An ordinary afternoon: Facebook, Instagram and WhatsApp answer.",
            "Un après-midi ordinaire : Facebook, Instagram et WhatsApp répondent.")),
        ReplayStep.Utc("2021-10-04 15:40", new(
            "The backbone goes down: Meta's edge servers answer 503 Service Unavailable.",
            "La dorsale tombe : les serveurs frontaux de Meta répondent 503 Service Unavailable."),
            world =>
            {
                foreach (var id in new[] { "facebook", "instagram", "whatsapp" })
                    world.Edge(id).SetStatus(503);
            }),
        ReplayStep.Utc("2021-10-04 15:50", new(
            "Meta's name servers withdraw their routes: they are unreachable, and every resolver answers SERVFAIL.",
            "Les serveurs de noms de Meta retirent leurs routes : ils sont injoignables, et tous les résolveurs répondent SERVFAIL."),
            world =>
            {
                foreach (var zone in Zones)
                {
                    world.SetResolverBehaviour(zone, DnsBehaviour.ServFail);
                    world.Zone(zone).SetBehaviour(DnsBehaviour.Silent);
                    foreach (var nameServer in world.Zone(zone).NameServers)
                        world.LookingGlass.Withdraw(nameServer.EndPoint.Address.ToString());
                }
            }),
        ReplayStep.Utc("2021-10-04 21:00", new(
            "Engineers on site restore the backbone: the routes are announced again, the name servers answer, the sites come back.",
            "Des ingénieurs sur place rétablissent la dorsale : les routes sont de nouveau annoncées, les serveurs de noms répondent, les sites reviennent."),
            world =>
            {
                world.LookingGlass.RestoreAll();
                foreach (var zone in Zones)
                {
                    world.Zone(zone).SetBehaviour(DnsBehaviour.Answer);
                    world.SetResolverBehaviour(zone, DnsBehaviour.Answer);
                }

                foreach (var id in new[] { "facebook", "instagram", "whatsapp" })
                    world.Edge(id).SetStatus(200);
            }),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        world.NameGroup("meta", "Meta");
        await world.AddServiceAsync("facebook", "Facebook", "meta", "www", "graph").ConfigureAwait(false);
        await world.AddServiceAsync("instagram", "Instagram", "meta", "www", "i").ConfigureAwait(false);
        await world.AddServiceAsync("whatsapp", "WhatsApp", "meta", "web", "www").ConfigureAwait(false);
    }
}
