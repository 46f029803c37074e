using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Rendering;
using IsItDownBot.Terminal;

namespace IsItDownBot.Cli;

/// <summary>Prints reports as JSON or for a person, and gives the exit code they call for.</summary>
internal static class ReportOutput
{
    /// <param name="detailed">Each report in full (check), or one line per service (status).</param>
    /// <param name="verbose">With <paramref name="detailed"/>, every probe in a table rather than the short evidence.</param>
    /// <param name="openIncidents">The monitor's open incidents by service id, to say since when a service is down.</param>
    public static async Task<int> WriteAsync(
        CliContext context,
        IReadOnlyList<StatusReport> reports,
        ServiceCatalog catalog,
        IReadOnlyDictionary<string, Incident> openIncidents,
        bool json,
        bool detailed,
        Language language,
        bool verbose = false)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(ReportJson.Serialize(reports, openIncidents, language));
            return ExitCodes.For(reports);
        }

        var renderer = new TerminalReportRenderer(context.Console, language, verbose ? ReportDetail.Full : ReportDetail.Summary);
        if (detailed)
        {
            foreach (var report in reports)
            {
                renderer.Render(report, openIncidents.GetValueOrDefault(report.Service.Id));
            }
        }
        else
        {
            renderer.RenderSummary(reports);
        }

        renderer.RenderNotes(GroupCorrelation.Notes(reports, catalog));
        return ExitCodes.For(reports);
    }
}
