using System.CommandLine;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Cli;

/// <summary><c>check facebook instagram example.org</c>: probe now and explain.</summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var targets = new Argument<string[]>("service")
        {
            Description = "Catalog services (name or alias: facebook, fb, insta...) or domains (example.org).",
            Arity = ArgumentArity.OneOrMore,
        };
        var config = CommonOptions.Config();
        var json = CommonOptions.Json();
        var language = CommonOptions.Language();
        var verbose = new Option<bool>("--verbose", "-v")
        {
            Description = "List every probe in a table instead of the short evidence summary.",
        };
        var command = new Command("check", "Check services now and explain what is wrong.") { targets, config, json, language, verbose };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            using var provider = CoreServices.Build(context.ShippedConfiguration, parse.GetValue(config));
            var catalog = provider.GetRequiredService<ServiceCatalog>();
            var services = Resolve(catalog, parse.GetValue(targets) ?? []);
            var checker = provider.GetRequiredService<StatusChecker>();
            var what = $"Probing {string.Join(", ", services.Select(service => service.Name))}...";
            var reports = await context.WhileProbingAsync(what, () => checker.CheckManyAsync(services, cancellationToken));

            var openIncidents = await OpenIncidents.ReadAsync(provider, services, cancellationToken);
            return await ReportOutput.WriteAsync(context, reports, catalog, openIncidents, parse.GetValue(json), detailed: true, CommonOptions.LanguageOf(parse.GetValue(language)), parse.GetValue(verbose));
        }));
        return command;
    }

    private static List<ServiceDefinition> Resolve(ServiceCatalog catalog, IEnumerable<string> names)
    {
        var services = new List<ServiceDefinition>();
        foreach (var name in names)
        {
            var lookup = catalog.Lookup(name);
            if (lookup.Service is null)
            {
                var hint = lookup.Suggestions.Count > 0
                    ? $" Did you mean {string.Join(" or ", lookup.Suggestions.Select(service => service.Id))}?"
                    : " Run 'status' to see the catalog, or give a domain such as example.org.";
                throw new UsageException($"Unknown service '{name}'.{hint}");
            }

            if (!services.Any(service => service.Id == lookup.Service.Id))
            {
                services.Add(lookup.Service);
            }
        }

        return services;
    }
}
