using System.CommandLine;
using IsItDownBot.Hosting;

namespace IsItDownBot.Cli;

/// <summary>The command line: <c>check</c>, <c>status</c>, <c>run</c>, <c>replay</c> and <c>healthcheck</c>.</summary>
internal static class CliApplication
{
    public static RootCommand Create(CliContext context) =>
        new("IsItDownBot: is it down, or is it just me? Probes DNS, TCP, TLS and HTTP and explains the answer.")
        {
            CheckCommand.Create(context),
            StatusCommand.Create(context),
            RunCommand.Create(context),
            ReplayCommand.Create(context),
            HealthcheckCommand.Create(context),
        };

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var parse = Create(context).Parse(args);
        if (parse.Errors.Count > 0)
        {
            // Bad usage is exit code 2, as documented, with the parser's own words and a pointer to help.
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync(error.Message);
            }

            await context.Error.WriteLineAsync("Run 'isitdown --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,

            // On Ctrl+C or SIGTERM, give run the time to finish the delivery under way before the process ends.
            ProcessTerminationTimeout = BotHost.ShutdownTimeout + TimeSpan.FromSeconds(5),
        };
        return await parse.InvokeAsync(invocation, cancellationToken);
    }
}
