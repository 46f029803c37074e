using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Rendering;
using Spectre.Console;

namespace IsItDownBot.Terminal;

/// <summary>Reports for a terminal, in the chosen language: a coloured verdict line, the explanation, notes, and the evidence.</summary>
internal sealed class TerminalReportRenderer(IAnsiConsole console, Language language = Language.English, ReportDetail detail = ReportDetail.Summary)
{
    private bool French => language == Language.French;

    public void Render(StatusReport report, Incident? openIncident = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var confidence = report.Verdict == Verdict.Unknown ? "" : $" [dim]({Markup.Escape(VerdictWords.Describe(report.Confidence).In(language))})[/]";
        console.MarkupLine($"{Badge(report.Verdict)} [bold]{Markup.Escape(report.Service.Name)}[/] {Markup.Escape(report.Headline.In(language))}{confidence}");
        console.MarkupLine(Markup.Escape(report.Cause.Summary.In(language)));
        if (openIncident is not null && report.Verdict != Verdict.Up)
        {
            console.MarkupLine($"[bold]{Markup.Escape(SinceWhen.Describe(openIncident, report.CheckedAt, language))}[/]");
        }

        console.MarkupLine($"[dim]{Markup.Escape(report.Cause.Explanation.In(language))}[/]");
        RenderNotes(report.Notes);

        if (detail == ReportDetail.Summary)
        {
            RenderEvidence(report);
        }
        else
        {
            RenderProbes(report);
        }

        var at = report.CheckedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var took = Durations.Format(report.Duration);
        var more = (detail, French) switch
        {
            (ReportDetail.Summary, true) => " --verbose montre chaque vérification.",
            (ReportDetail.Summary, false) => " --verbose shows every probe.",
            _ => "",
        };
        console.MarkupLine(French ? $"[dim]Vérifié le {at} UTC en {took}.{more}[/]" : $"[dim]Checked at {at} UTC in {took}.{more}[/]");
        console.WriteLine();
    }

    /// <summary>The short evidence, subjects aligned: an endpoint host, the zone, the control hosts.</summary>
    private void RenderEvidence(StatusReport report)
    {
        var lines = EvidenceSummary.Summarise(report);
        var width = lines.Count == 0 ? 0 : lines.Max(line => line.Subject.In(language).Length);
        foreach (var line in lines)
        {
            console.MarkupLine($"  {Markup.Escape(line.Subject.In(language).PadRight(width))}  {Markup.Escape(line.Text.In(language))}");
        }
    }

    private void RenderProbes(StatusReport report)
    {
        // Not expanded: a table as wide as its content, so output redirected to an unbounded width stays compact.
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Endpoint");
        table.AddColumn("Check");
        table.AddColumn("Target");
        table.AddColumn("Result");
        table.AddColumn(new TableColumn("Time").RightAligned());
        string? previousEndpoint = null;
        var shown = detail == ReportDetail.FailuresOnly ? report.Probes.Where(probe => !probe.Ok && probe.Outcome != ProbeOutcome.Skipped).ToList() : report.Probes;
        foreach (var probe in shown)
        {
            // Name each endpoint once, on its first row: the rows under it are its steps.
            var endpoint = probe.Endpoint == previousEndpoint ? "" : ShortEndpoint(probe.Endpoint);
            previousEndpoint = probe.Endpoint;
            table.AddRow(
                Markup.Escape(endpoint),
                probe.Kind.ToString().ToLowerInvariant(),
                Markup.Escape(probe.Target),
                $"{Mark(probe)} {Markup.Escape(probe.Detail)}",
                probe.Outcome == ProbeOutcome.Skipped ? "" : Durations.Format(probe.Latency));
        }

        if (shown.Count > 0)
        {
            console.Write(table);
        }

        if (shown.Count < report.Probes.Count)
        {
            var passed = report.Probes.Count(probe => probe.Ok);
            console.MarkupLine(French ? $"[dim]{passed} autres vérifications réussies.[/]" : $"[dim]{passed} other checks passed.[/]");
        }
    }

    /// <summary>One line per service, for <c>status</c>.</summary>
    public void RenderSummary(IReadOnlyList<StatusReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("Service");
        table.AddColumn(French ? "Verdict" : "Verdict");
        table.AddColumn(French ? "Pourquoi" : "Why");
        foreach (var report in reports)
        {
            table.AddRow(Markup.Escape(report.Service.Name), Badge(report.Verdict), Markup.Escape(report.Cause.Summary.In(language)));
        }

        console.Write(table);
    }

    public void RenderNotes(IEnumerable<Phrase> notes)
    {
        foreach (var note in notes)
        {
            console.MarkupLine($"[bold yellow]![/] {Markup.Escape(note.In(language))}");
        }
    }

    private static string ShortEndpoint(string endpoint) =>
        Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) ? uri.Authority + uri.PathAndQuery : endpoint;

    private string Badge(Verdict verdict) => (verdict, French) switch
    {
        (Verdict.Up, false) => "[bold green]UP[/]",
        (Verdict.Degraded, false) => "[bold yellow]DEGRADED[/]",
        (Verdict.Down, false) => "[bold red]DOWN[/]",
        (_, false) => "[bold grey]UNKNOWN[/]",
        (Verdict.Up, true) => "[bold green]OK[/]",
        (Verdict.Degraded, true) => "[bold yellow]DÉGRADÉ[/]",
        (Verdict.Down, true) => "[bold red]EN PANNE[/]",
        _ => "[bold grey]INCONNU[/]",
    };

    private static string Mark(ProbeResult probe) => probe.Outcome switch
    {
        ProbeOutcome.Ok => "[green]ok[/]",
        ProbeOutcome.Skipped => "[grey]-[/]",
        _ => "[red]FAIL[/]",
    };
}
