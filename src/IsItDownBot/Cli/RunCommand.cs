using System.CommandLine;
using IsItDownBot.Hosting;

namespace IsItDownBot.Cli;

/// <summary><c>run</c>: the bot itself, until stopped.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var config = CommonOptions.Config();
        var command = new Command("run", "Run the bot: the outage monitor, alert delivery, and every chat platform whose token is configured.") { config };
        command.SetAction((parse, cancellationToken) =>
            CommandRunner.RunAsync(context, () => BotHost.RunAsync(context.ShippedConfiguration, parse.GetValue(config), cancellationToken)));
        return command;
    }
}
