using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Rendering;
using IsItDownBot.Replay;
using Spectre.Console;

namespace IsItDownBot.Terminal;

/// <summary>A replay for a terminal: per step, when and what happened, the bot's answer, and the alerts sent.</summary>
internal sealed class ReplayRenderer(IAnsiConsole console, Language language)
{
    private readonly TerminalReportRenderer _reports = new(console, language, ReportDetail.FailuresOnly);

    private bool French => language == Language.French;

    public void RenderTitle(IReplayScenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        console.MarkupLine($"[bold]{Markup.Escape(scenario.Title.In(language))}[/]");
        console.MarkupLine($"[dim]{Markup.Escape(scenario.Description.In(language))}[/]");
        if (scenario.IsIllustrative)
        {
            console.MarkupLine(French
                ? "[dim]Un exemple fictif, pas une vraie panne : l’histoire et ses heures sont inventées.[/]"
                : "[dim]An illustrative story, not a real outage: the events and their times are made up.[/]");
        }

        console.WriteLine();
    }

    public void RenderStep(ReplayStepResult step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var at = step.Step.When(language);
        // A line of text, not a rule: a rule's title is cut at the width, and the title is the story's step.
        console.MarkupLine($"[bold]── {at}[/] {Markup.Escape(step.Step.Description.In(language))}");
        console.MarkupLine(French ? "[bold]Ce que le bot répond :[/]" : "[bold]What the bot answers:[/]");
        foreach (var report in step.Reports)
            _reports.Render(report, step.OpenIncidents.GetValueOrDefault(report.Service.Id));

        _reports.RenderNotes(step.GroupNotes);
        if (step.Alerts.Count == 0)
        {
            // Degraded counts as working for the monitor: say so, or a silent step looks like a missed alert.
            var degraded = step.Reports.Any(report => report.Verdict == Verdict.Degraded);
            console.MarkupLine((French, degraded) switch
            {
                (true, true) => "[dim]Aucune alerte envoyée : les alertes sont pour les pannes, et un service dégradé fonctionne encore.[/]",
                (true, false) => "[dim]Aucune alerte envoyée.[/]",
                (false, true) => "[dim]No alert sent: alerts are for outages, and a degraded service still works.[/]",
                (false, false) => "[dim]No alert sent.[/]",
            });
        }
        else
        {
            console.MarkupLine(French ? "[bold]Alertes envoyées aux canaux abonnés :[/]" : "[bold]Alerts sent to subscribed channels:[/]");
            foreach (var alert in step.Alerts)
            {
                var text = AlertText.Render(alert with { Language = language });
                console.MarkupLine("  " + Markup.Escape(text).Replace("\n", "\n  ", StringComparison.Ordinal));
            }
        }

        console.WriteLine();
    }

    private string Kind(IReplayScenario scenario) => (scenario.IsIllustrative, French) switch
    {
        (true, true) => "exemple fictif",
        (true, false) => "illustrative",
        (false, true) => "panne réelle, " + scenario.Steps[0].When(language),
        (false, false) => "real outage, " + scenario.Steps[0].When(language),
    };

    /// <summary>The scenarios and their titles, for <c>replay --list</c>.</summary>
    public void RenderList(IReadOnlyList<IReplayScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(scenarios);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn(French ? "Scénario" : "Scenario");
        table.AddColumn(French ? "Ce qu’il rejoue" : "What it replays");
        table.AddColumn(French ? "Nature" : "Kind");
        foreach (var scenario in scenarios)
            table.AddRow(Markup.Escape(scenario.Id), Markup.Escape(scenario.Title.In(language)), Kind(scenario));

        console.Write(table);
        console.MarkupLine(French ? "[dim]Lancez : isitdown replay <scénario>[/]" : "[dim]Run: isitdown replay <scenario>[/]");
    }
}
