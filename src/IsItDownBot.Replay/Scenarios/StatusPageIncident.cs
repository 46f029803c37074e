using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// The operator admits a major outage of one feature on its status page while everything the bot can probe
/// still passes: the bot believes the operator ("degraded"), and says that the problem is beyond its probes.
/// </summary>
public sealed class StatusPageIncident : IReplayScenario
{
    public string Id => "status-page-incident";

    public bool IsIllustrative => true;

    public Phrase Title => new("Discord's status page admits a voice outage", "La page d’état de Discord reconnaît une panne de la voix");

    public Phrase Description => new(
        "The status page reports a major outage of Voice while the website and the gateway answer every probe; then the incident is resolved.",
        "La page d’état signale une panne majeure de Voice alors que le site et la passerelle répondent à chaque sonde ; puis l’incident est résolu.");

    public IReadOnlyList<string> Featured { get; } = ["discord"];

    public IReadOnlyList<string> Watched { get; } = ["discord"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Illustrative("18:00", new("All systems operational.", "Tous les systèmes sont opérationnels.")),
        ReplayStep.Illustrative("18:10", new(
            "Discord's status page reports a major outage: voice connections fail.",
            "La page d’état de Discord signale une panne majeure : les connexions vocales échouent."),
            world =>
            {
                var page = world.StatusPage("discord");
                page.SetStatus("major", "Partial System Outage");
                page.SetComponent("Voice", "major_outage");
                page.SetComponent("API", "operational");
                page.AddIncident("Voice connections failing", "investigating", "major");
            }),
        ReplayStep.Illustrative("19:00", new("The incident is resolved.", "L’incident est résolu."),
            world => world.StatusPage("discord").Reset()),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        await world.AddServiceAsync("discord", "Discord", null, "www", "gateway").ConfigureAwait(false);
        await world.AddStatusPageAsync("discord").ConfigureAwait(false);
    }
}
