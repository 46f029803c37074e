using System.CommandLine;
using IsItDownBot.Health;
using Microsoft.Extensions.Configuration;

namespace IsItDownBot.Cli;

/// <summary>
/// <c>healthcheck</c>: GETs the running bot's /healthz and exits 0 when it answers 200, 1 otherwise. The container
/// image has no curl or wget; this is its HEALTHCHECK, reading the same configuration as <c>run</c>.
/// </summary>
internal static class HealthcheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var url = new Option<string?>("--url")
        {
            Description = "The bot's health address (default: the first of IsItDown:Health:Urls, wildcards as 127.0.0.1).",
            HelpName = "URL",
        };
        var command = new Command("healthcheck", "Exit 0 when a running bot answers on /healthz, 1 when it does not.") { config, url };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var target = Target(parse.GetValue(url), parse.GetValue(config));
            using var http = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(new Uri(target, HealthServer.LivenessPath), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return ExitCodes.Up;
                }

                await context.Error.WriteLineAsync($"{target}: /healthz answered {(int)response.StatusCode}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await context.Error.WriteLineAsync($"{target}: /healthz does not answer ({exception.Message})");
            }

            return ExitCodes.DownOrDegraded;
        }));
        return command;
    }

    private static Uri Target(string? url, string? configFile)
    {
        var configured = new HealthOptions { Urls = AppConfiguration.Load(configFile)[HealthOptions.SectionName + ":Urls"] ?? HealthOptions.DefaultUrls }.UrlList;
        var text = url ?? (configured.Count > 0 ? configured[0] : null);
        var key = url is null ? $"{HealthOptions.SectionName}:Urls" : "--url";
        var target = text is null ? null : HealthUrls.ToProbeUri(text);
        return target is null || target.Port == 0
            ? throw new UsageException($"{key}: '{text}' is not an http://host:port address with a fixed port to check.")
            : target;
    }
}
