using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay.Scenarios;

/// <summary>
/// The website works and the API does not: people on the web see nothing wrong, apps and scripts fail. The bot
/// says "partly down" and names the part; no outage alert, since the service as a whole still answers.
/// </summary>
public sealed class PartialOutage : IReplayScenario
{
    public string Id => "partial-outage";

    public bool IsIllustrative => true;

    public Phrase Title => new("GitHub's API down, its website up", "L’API de GitHub en panne, son site en ligne");

    public Phrase Description => new(
        "api.github.test answers 503 while www.github.test keeps working, then the API recovers.",
        "api.github.test répond 503 alors que www.github.test fonctionne toujours, puis l’API se rétablit.");

    public IReadOnlyList<string> Featured { get; } = ["github"];

    public IReadOnlyList<string> Watched { get; } = ["github"];

    public IReadOnlyList<ReplayStep> Steps { get; } =
    [
        ReplayStep.Illustrative("14:00", new("The website and the API answer.", "Le site et l’API répondent.")),
        ReplayStep.Illustrative("14:05", new(
            "A bad deploy: the API answers 503, the website still works.",
            "Un déploiement raté : l’API répond 503, le site fonctionne toujours."),
            world => world.Edge("github").SetStatus("api.github.test", 503)),
        ReplayStep.Illustrative("14:35", new("The deploy is rolled back: the API answers again.", "Le déploiement est annulé : l’API répond de nouveau."),
            world => world.Edge("github").SetStatus("api.github.test", 200)),
    ];

    public async Task SetUpAsync(ReplayWorld world)
    {
        ArgumentNullException.ThrowIfNull(world);
        await world.AddServiceAsync("github", "GitHub", null, "www", "api").ConfigureAwait(false);
    }
}
