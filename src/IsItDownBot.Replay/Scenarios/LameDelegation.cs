using IsItDownBot.Core.Explaining;
using IsItDownBot.Replay.Loopback;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// A DNS migration gone wrong: the registry already points at the new provider's name servers, which were never
/// given the zone and refuse it. Resolvers fail; asked directly, the delegated servers show why.
/// </summary>
public sealed class LameDelegation : IReplayScenario
{
    private const string Zone = "reddit.test";

    public string Id => "lame-delegation";

    public bool IsIllustrative => true;

    public Phrase Title => new("Reddit's DNS move goes wrong (lame delegation)", "Le déménagement DNS de Reddit tourne mal (délégation boiteuse)");

    public Phrase Description => new(
        "The domain is delegated to name servers that were never given the zone: they refuse it, and every resolver fails.",
        "Le domaine est délégué à des serveurs de noms qui n’ont jamais reçu la zone : ils la refusent, et tous les résolveurs échouent.");

    public IReadOnlyList<string> Featured { get; } = ["reddit"];

    public IReadOnlyList<string> Watched { get; } = ["reddit"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Illustrative("18:00", new("Reddit works on its old DNS provider.", "Reddit fonctionne chez son ancien fournisseur DNS.")),
        ReplayStep.Illustrative("18:20", new(
            "The registry now points at the new name servers, which refuse the zone; resolvers answer SERVFAIL as their caches expire.",
            "Le registre pointe désormais vers les nouveaux serveurs de noms, qui refusent la zone ; les résolveurs répondent SERVFAIL à mesure que leurs caches expirent."),
            world =>
            {
                world.Zone(Zone).SetBehaviour(DnsBehaviour.Refused);
                world.SetResolverBehaviour(Zone, DnsBehaviour.ServFail);
            }),
        ReplayStep.Illustrative("19:05", new(
            "The zone is loaded on the new name servers; resolvers find Reddit again.",
            "La zone est chargée sur les nouveaux serveurs de noms ; les résolveurs retrouvent Reddit."),
            world =>
            {
                world.Zone(Zone).SetBehaviour(DnsBehaviour.Answer);
                world.SetResolverBehaviour(Zone, DnsBehaviour.Answer);
            }),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        await world.AddServiceAsync("reddit", "Reddit", null, "www").ConfigureAwait(false);
    }
}
