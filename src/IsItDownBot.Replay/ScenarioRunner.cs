using System.Runtime.CompilerServices;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Replay;

/// <summary>
/// Plays a scenario: builds its world, starts the bot on it, and at every step applies the change, asks the
/// bot about the featured services as a user would, and runs the monitor's rounds (one a minute, as many as
/// its thresholds need) to collect the alerts a subscribed channel would receive.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>The whole replay, step after step.</summary>
    public static async Task<IReadOnlyList<ReplayStepResult>> RunAsync(IReplayScenario scenario, CancellationToken cancellationToken = default)
    {
        var results = new List<ReplayStepResult>();
        await foreach (var step in StepsAsync(scenario, cancellationToken).ConfigureAwait(false))
            results.Add(step);

        return results;
    }

    /// <summary>Each step's result as soon as it is known, for output that follows the story as it unfolds.</summary>
    public static async IAsyncEnumerable<ReplayStepResult> StepsAsync(
        IReplayScenario scenario, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (scenario.Steps.Count == 0)
            yield break;

        var world = await ReplayWorld.StartAsync(scenario.Steps[0].At).ConfigureAwait(false);
        await using var worldScope = world.ConfigureAwait(false);
        await scenario.SetUpAsync(world).ConfigureAwait(false);
        var bot = await ReplayBot.StartAsync(world, scenario.Watched, cancellationToken).ConfigureAwait(false);
        await using var botScope = bot.ConfigureAwait(false);
        var featured = scenario.Featured
            .Select(id => bot.Catalog.Find(id) ?? throw new InvalidOperationException($"The scenario features '{id}', which it did not add."))
            .ToList();
        var rounds = Math.Max(bot.MonitorOptions.FailureThreshold, bot.MonitorOptions.SuccessThreshold);

        foreach (var step in scenario.Steps)
        {
            world.Clock.MoveTo(step.At);
            step.Apply(world);

            // What the monitor knew when the question was asked: "down since" comes from earlier rounds only.
            var incidents = new Dictionary<string, Incident>(StringComparer.Ordinal);
            foreach (var service in featured)
            {
                if (await bot.Store.OpenIncidentAsync(service.Id, cancellationToken).ConfigureAwait(false) is { } incident)
                    incidents[service.Id] = incident;
            }

            // The user's question and the monitor's first round start together and share the probe round, as
            // questions and the monitor do in a running bot; the later rounds come a minute apart.
            var answer = bot.Checker.CheckManyAsync(featured, cancellationToken);
            var firstRound = bot.Monitor.RunRoundAsync(cancellationToken);
            var reports = await answer.ConfigureAwait(false);
            await firstRound.ConfigureAwait(false);
            for (var round = 1; round < rounds; round++)
            {
                world.Clock.Advance(bot.MonitorOptions.Interval);
                await bot.Monitor.RunRoundAsync(cancellationToken).ConfigureAwait(false);
            }

            var alerts = await bot.TakeAlertsAsync(world.Clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);

            yield return new ReplayStepResult(step, reports, GroupCorrelation.Notes(reports, bot.Catalog), incidents, alerts);
        }
    }
}
