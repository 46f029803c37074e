using IsItDownBot.Core.Explaining;
using IsItDownBot.Replay.Loopback;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// One resolver fails for one service while the others answer: the service is fine, but everyone behind that
/// resolver (an ISP, a region) cannot reach it. The bot says "degraded", names the resolver, and alerts nobody.
/// </summary>
public sealed class RegionalResolverFailure : IReplayScenario
{
    private const string Failing = "resolver us";

    public string Id => "regional-resolver-failure";

    public bool IsIllustrative => true;

    public Phrase Title => new("WhatsApp unreachable through one resolver", "WhatsApp injoignable par un seul résolveur");

    public Phrase Description => new(
        "The US resolver fails to look up whatsapp.test while the others answer: only the people behind it are cut off.",
        "Le résolveur américain n’arrive plus à résoudre whatsapp.test alors que les autres répondent : seuls ceux qui passent par lui sont coupés.");

    public IReadOnlyList<string> Featured { get; } = ["whatsapp"];

    public IReadOnlyList<string> Watched { get; } = ["whatsapp"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Illustrative("08:00", new("Every resolver finds WhatsApp.", "Chaque résolveur trouve WhatsApp.")),
        ReplayStep.Illustrative("08:10", new(
            "The US resolver starts answering SERVFAIL for whatsapp.test; the European and Asian ones still answer.",
            "Le résolveur américain répond SERVFAIL pour whatsapp.test ; l’européen et l’asiatique répondent toujours."),
            world => world.Resolver(Failing).Server.SetBehaviour("whatsapp.test", DnsBehaviour.ServFail)),
        ReplayStep.Illustrative("08:40", new("The US resolver is repaired.", "Le résolveur américain est réparé."),
            world => world.Resolver(Failing).Server.SetBehaviour("whatsapp.test", DnsBehaviour.Answer)),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        await world.AddServiceAsync("whatsapp", "WhatsApp", null, "web", "www").ConfigureAwait(false);
    }
}
