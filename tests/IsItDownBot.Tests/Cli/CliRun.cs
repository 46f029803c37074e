using IsItDownBot.Cli;
using Spectre.Console;

namespace IsItDownBot.Tests.Cli;

/// <summary>Runs the command line in-process and captures what a user would see.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static async Task<CliRun> InvokeAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200;
        var context = new CliContext(console, output, error, Interactive: false)
        {
            // A test that passes --config describes its whole world: the shipped catalog's real servers stay out of it.
            ShippedConfiguration = args.Contains("--config") ? null : AppConfiguration.ShippedFile,
        };
        var exitCode = await CliApplication.RunAsync(args, context);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }
}
