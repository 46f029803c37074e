using System.CommandLine;
using IsItDownBot.Health;
using Microsoft.Extensions.Configuration;

namespace IsItDownBot.Cli;

/// <summary>
/// <c>healthcheck</c>: GETs the running bot's /healthz (or the exact address given with a path) and exits 0 when it
/// answers 2xx, 1 otherwise. The container
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
            Description = "The bot's health address: http://host:port, whose /healthz is asked, or a full address with a path, asked as it is (default: the first of IsItDown:Health:Urls, wildcards as 127.0.0.1).",
            HelpName = "URL",
        };
        var command = new Command("healthcheck", "Exit 0 when a running bot answers on /healthz, 1 when it does not.") { config, url };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(context, async () =>
        {
            var target = Target(parse.GetValue(url), context.ShippedConfiguration, parse.GetValue(config));
            using var http = new HttpClient { Timeout = Timeout };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return ExitCodes.Up;
                }

                await context.Error.WriteLineAsync($"{target} answered {(int)response.StatusCode}");
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                await context.Error.WriteLineAsync($"{target} does not answer ({exception.Message})");
            }

            return ExitCodes.DownOrDegraded;
        }));
        return command;
    }

    /// <summary>
    /// The address to GET: --url as given when it has a path (the bot behind a proxy that maps a base path, or
    /// another path to its /healthz), otherwise /healthz of --url or of the first configured listening address.
    /// </summary>
    private static Uri Target(string? url, string? shippedFile, string? configFile)
    {
        if (url is not null)
        {
            return Uri.TryCreate(url.Trim(), UriKind.Absolute, out var given) && given.Scheme == Uri.UriSchemeHttp && given.AbsolutePath != "/"
                ? given
                : Liveness(HealthUrls.ToProbeUri(url)) ?? throw new UsageException(
                    $"--url: '{url}' is not an http:// address to check (http://host:port, or the full address of /healthz).");
        }

        var configured = new HealthOptions { Urls = AppConfiguration.Load(shippedFile, configFile)[HealthOptions.SectionName + ":Urls"] ?? HealthOptions.DefaultUrls }.UrlList;
        var text = configured.Count > 0 ? configured[0] : null;
        return Liveness(text is null ? null : HealthUrls.ToProbeUri(text)) ?? throw new UsageException(
            $"{HealthOptions.SectionName}:Urls: '{text}' is not an http://host:port address with a fixed port to check.");
    }

    private static Uri? Liveness(Uri? listening) =>
        listening is null || listening.Port == 0 ? null : new Uri(listening, HealthServer.LivenessPath);
}
