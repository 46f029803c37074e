using IsItDownBot.Cli;
using IsItDownBot.Terminal;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Spectre.Console;

namespace IsItDownBot.Tests.Terminal;

/// <summary>
/// What <c>check</c> writes through the console the program builds, on a console that claims to be a full colour
/// terminal: styled for a person, and without a single escape sequence under NO_COLOR or when redirected.
/// </summary>
public sealed class TerminalConsoleTests
{
    private const char Escape = '\u001b';

    [Theory]
    [InlineData(null)]

    // The convention: NO_COLOR set but empty does not count.
    [InlineData("")]
    public async Task Check_OnAColourTerminal_WritesStyles(string? noColor)
    {
        var output = await CheckBrokenServiceAsync(outputRedirected: false, noColor);

        Assert.Contains(Escape, output);
        Assert.Contains("Broken", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("true")]
    public async Task Check_WithNoColorSet_WritesNoEscapeSequenceEvenOnAColourTerminal(string noColor)
    {
        var output = await CheckBrokenServiceAsync(outputRedirected: false, noColor);

        Assert.DoesNotContain(Escape, output);
        Assert.StartsWith("DOWN Broken looks down (medium confidence)\nBroken's servers answer 500", output.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithRedirectedOutput_WritesNoEscapeSequenceEvenOnAColourTerminal()
    {
        var output = await CheckBrokenServiceAsync(outputRedirected: true, noColor: null);

        Assert.DoesNotContain(Escape, output);
        Assert.StartsWith("DOWN Broken looks down (medium confidence)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Context_WithNoColorSet_ShowsNoSpinner()
    {
        var context = CliContext.ForConsole(TerminalConsole.Create(ColourTerminal(new StringWriter()), outputRedirected: false, "1"), TextWriter.Null, TextWriter.Null);

        Assert.False(context.Interactive);
    }

    private static AnsiConsoleSettings ColourTerminal(TextWriter output) => new()
    {
        Out = new AnsiConsoleOutput(output),
        Ansi = AnsiSupport.Yes,
        ColorSystem = ColorSystemSupport.TrueColor,
        Interactive = InteractionSupport.Yes,
    };

    private static async Task<string> CheckBrokenServiceAsync(bool outputRedirected, string? noColor)
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        using var config = TempConfig.FromJson(world.ToJson());
        using var output = new StringWriter();
        var console = TerminalConsole.Create(ColourTerminal(output), outputRedirected, noColor);
        console.Profile.Width = 200;
        var context = CliContext.ForConsole(console, output, TextWriter.Null);

        var exitCode = await CliApplication.RunAsync(["check", "broken", "--lang", "en", "--config", config.Path], context);

        Assert.Equal(1, exitCode);
        return output.ToString();
    }
}
