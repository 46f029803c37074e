using Spectre.Console;

namespace IsItDownBot.Terminal;

/// <summary>
/// The console the commands write to. Styles and the spinner are for a person at a terminal: when output goes to a
/// file or a pipe, or NO_COLOR is set (https://no-color.org), not one escape sequence is written, whatever the
/// terminal claims to support.
/// </summary>
internal static class TerminalConsole
{
    public const string NoColorVariable = "NO_COLOR";

    /// <summary>
    /// The width of redirected output: no screen to fit, so lines are never wrapped for one. Spectre.Console would
    /// otherwise assume 80 columns and break table cells, host names included, into pieces a script cannot grep.
    /// </summary>
    public const int RedirectedWidth = 10_000;

    /// <param name="terminal">What the terminal supports, as detected or as a test claims.</param>
    /// <param name="outputRedirected">True when standard output is a file or a pipe.</param>
    /// <param name="noColor">The value of NO_COLOR: any non-empty value turns every style off, as the convention says.</param>
    public static IAnsiConsole Create(AnsiConsoleSettings terminal, bool outputRedirected, string? noColor)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        if (outputRedirected || !string.IsNullOrEmpty(noColor))
        {
            // Spectre.Console's own NO_COLOR support drops colours only: bold, dim and the spinner's cursor moves
            // would still be escape sequences.
            terminal.Ansi = AnsiSupport.No;
            terminal.ColorSystem = ColorSystemSupport.NoColors;
            terminal.Interactive = InteractionSupport.No;
        }

        var console = AnsiConsole.Create(terminal);
        if (outputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    /// <summary>This process's console: standard output, with the environment's NO_COLOR.</summary>
    public static IAnsiConsole ForProcess() => Create(
        new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) },
        Console.IsOutputRedirected,
        Environment.GetEnvironmentVariable(NoColorVariable));
}
