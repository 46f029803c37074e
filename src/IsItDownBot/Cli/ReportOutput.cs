using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Rendering;
using IsItDownBot.Terminal;

namespace IsItDownBot.Cli;

/// <summary>Prints reports as JSON or for a person, and gives the exit code they call for.</summary>
internal static class ReportOutput
{
    /// <param name="detailed">Each report in full (check), or one line per service (status).</param>
    public static async Task<int> WriteAsync(CliContext context, IReadOnlyList<StatusReport> reports, ServiceCatalog catalog, bool json, bool detailed)
    {
        if (json)
        {
            await context.Out.WriteLineAsync(ReportJson.Serialize(reports));
            return ExitCodes.For(reports);
        }

        var renderer = new TerminalReportRenderer(context.Console);
        if (detailed)
        {
            foreach (var report in reports)
            {
                renderer.Render(report);
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
