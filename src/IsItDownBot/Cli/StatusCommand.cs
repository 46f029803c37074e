using System.CommandLine;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Cli;

/// <summary><c>status</c>: every catalog service at once, one line each.</summary>
internal static class StatusCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var language = CommonOptions.Language();
        var command = new Command("status", "Check every service of the catalog at once.") { config, json, language };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            using var provider = CoreServices.Build(context.ShippedConfiguration, parse.GetValue(config));
            var catalog = provider.GetRequiredService<ServiceCatalog>();
            var checker = provider.GetRequiredService<StatusChecker>();
            var total = catalog.Services.Count;
            var reports = await context.WhileProbingAsync($"Probing {total} services...", async progress =>
            {
                // Every service is probed at once; the line counts them as they finish, the slowest last.
                var done = 0;
                var checks = catalog.Services.Select(async service =>
                {
                    var report = await checker.CheckAsync(service, cancellationToken);
                    progress($"Probing {total} services: {Interlocked.Increment(ref done)} done, last {service.Name}...");
                    return report;
                });
                return (IReadOnlyList<StatusReport>)await Task.WhenAll(checks);
            });

            var openIncidents = await OpenIncidents.ReadAsync(provider, catalog.Services, cancellationToken);
            return await ReportOutput.WriteAsync(context, reports, catalog, openIncidents, parse.GetValue(json), detailed: false, CommonOptions.LanguageOf(parse.GetValue(language)));
        }));
        return command;
    }
}
