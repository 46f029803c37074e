using System.CommandLine;
using System.Text.Json.Nodes;
using IsItDownBot.Replay;
using IsItDownBot.Terminal;

namespace IsItDownBot.Cli;

/// <summary>
/// <c>replay meta-2021-10-04</c>: an outage scenario played on servers simulated on loopback, showing what the bot
/// answers and alerts at each step. It needs no token, and the scenario's world configures the bot, so nothing
/// outside the machine is ever contacted. It takes --config like every command, so that one set of options serves
/// them all (a script, a container's entry point): the file is read and must be valid, but its settings are unused.
/// </summary>
internal static class ReplayCommand
{
    public static Command Create(CliContext context)
    {
        var scenarioArgument = new Argument<string?>("scenario")
        {
            Description = "The scenario to replay (without one, the list).",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var list = new Option<bool>("--list") { Description = "List the scenarios with their titles." };
        var json = CommonOptions.Json();
        var language = CommonOptions.Language();
        var config = CommonOptions.Config();
        config.Description = "Accepted as by every command and checked, but unused: the scenario's simulated world sets every address and setting.";
        var command = new Command("replay", "Replay a famous outage on simulated servers and show what the bot would answer and alert.")
        {
            scenarioArgument, list, json, language, config,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            if (parse.GetValue(config) is { } configFile)
            {
                // Read for its errors only: a missing or broken file is reported as every command reports it.
                _ = AppConfiguration.Load(shippedFile: null, configFile);
            }

            var lang = CommonOptions.LanguageOf(parse.GetValue(language));
            var id = parse.GetValue(scenarioArgument);
            if (parse.GetValue(list) || string.IsNullOrEmpty(id))
            {
                await ListAsync(context, parse.GetValue(json), lang);
                return ExitCodes.Up;
            }

            var scenario = ReplayScenarios.Find(id) ?? throw new UsageException(
                $"Unknown scenario '{id}'. Known scenarios: {string.Join(", ", ReplayScenarios.All.Select(known => known.Id))}.");
            if (parse.GetValue(json))
            {
                var steps = await ScenarioRunner.RunAsync(scenario, cancellationToken);
                await context.Out.WriteLineAsync(ReplayJson.Serialize(steps, lang));
                return ExitCodes.Up;
            }

            var renderer = new ReplayRenderer(context.Console, lang);
            renderer.RenderTitle(scenario);
            await foreach (var step in ScenarioRunner.StepsAsync(scenario, cancellationToken))
                renderer.RenderStep(step);

            return ExitCodes.Up;
        }));
        return command;
    }

    private static async Task ListAsync(CliContext context, bool json, Core.Explaining.Language language)
    {
        if (!json)
        {
            new ReplayRenderer(context.Console, language).RenderList(ReplayScenarios.All);
            return;
        }

        var scenarios = new JsonArray([.. ReplayScenarios.All.Select(scenario => (JsonNode)new JsonObject
        {
            ["id"] = scenario.Id,
            ["title"] = scenario.Title.In(language),
            ["description"] = scenario.Description.In(language),
            ["illustrative"] = scenario.IsIllustrative,
        })]);
        await context.Out.WriteLineAsync(scenarios.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
    }
}
