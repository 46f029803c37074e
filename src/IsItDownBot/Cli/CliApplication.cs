using System.CommandLine;

namespace IsItDownBot.Cli;

/// <summary>The command line: <c>check</c> and <c>status</c>.</summary>
internal static class CliApplication
{
    public static RootCommand Create(CliContext context) =>
        new("IsItDownBot: is it down, or is it just me? Probes DNS, TCP, TLS and HTTP and explains the answer.")
        {
            CheckCommand.Create(context),
            StatusCommand.Create(context),
        };

    public static Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken = default)
    {
        var invocation = new InvocationConfiguration { Output = context.Out, Error = context.Error, EnableDefaultExceptionHandler = false };
        return Create(context).Parse(args).InvokeAsync(invocation, cancellationToken);
    }
}
