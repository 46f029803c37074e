using IsItDownBot.Terminal;
using Spectre.Console;

namespace IsItDownBot.Cli;

/// <summary>Where a command writes: a styled console for people, raw writers for JSON and errors.</summary>
/// <param name="Interactive">True when a person watches a terminal: then a spinner shows while probing.</param>
internal sealed record CliContext(IAnsiConsole Console, TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The bottom configuration layer, under --config: the shipped appsettings.json; null for none.</summary>
    public string? ShippedConfiguration { get; init; } = AppConfiguration.ShippedFile;

    public static CliContext ForProcess() => ForConsole(TerminalConsole.ForProcess(), System.Console.Out, System.Console.Error);

    /// <summary>A spinner only where it can be drawn: an interactive console that may move the cursor.</summary>
    public static CliContext ForConsole(IAnsiConsole console, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(console);
        var capabilities = console.Profile.Capabilities;
        return new(console, output, error, capabilities.Interactive && capabilities.Ansi);
    }

    /// <summary>Runs <paramref name="work"/> behind a spinner when someone is watching, plainly otherwise.</summary>
    public Task<T> WhileProbingAsync<T>(string what, Func<Task<T>> work) => WhileProbingAsync(what, _ => work());

    /// <summary>
    /// The same, for long work that reports how far it got: <paramref name="work"/> gets a callback that updates
    /// the line next to the spinner. Without a watcher the updates go nowhere: redirected output stays clean.
    /// </summary>
    public Task<T> WhileProbingAsync<T>(string what, Func<Action<string>, Task<T>> work) =>
        Interactive
            ? Console.Status().Spinner(Spinner.Known.Dots).StartAsync(Markup.Escape(what), status => work(progress => status.Status(Markup.Escape(progress))))
            : work(_ => { });
}
