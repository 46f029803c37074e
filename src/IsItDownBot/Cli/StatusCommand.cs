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
            using var provider = CoreServices.Build(parse.GetValue(config));
            var catalog = provider.GetRequiredService<ServiceCatalog>();
            var checker = provider.GetRequiredService<StatusChecker>();
            var reports = await context.WhileProbingAsync(
                $"Probing {catalog.Services.Count} services...",
                () => checker.CheckManyAsync(catalog.Services, cancellationToken));

            var openIncidents = await OpenIncidents.ReadAsync(provider, catalog.Services, cancellationToken);
            return await ReportOutput.WriteAsync(context, reports, catalog, openIncidents, parse.GetValue(json), detailed: false, CommonOptions.LanguageOf(parse.GetValue(language)));
        }));
        return command;
    }
}
