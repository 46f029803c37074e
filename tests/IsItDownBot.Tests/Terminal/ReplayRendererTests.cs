using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Replay;
using IsItDownBot.Terminal;
using Spectre.Console;

namespace IsItDownBot.Tests.Terminal;

/// <summary>A replay step's title is the story: shown whole, wrapped between words on a narrow terminal, on one line when redirected.</summary>
public sealed class ReplayRendererTests
{
    private const string Title = "The backbone goes down: the routes to the name servers are withdrawn and resolvers everywhere start answering SERVFAIL";

    [Fact]
    public void RenderStep_OnANarrowTerminal_WrapsTheTitleBetweenWords()
    {
        using var output = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.Yes,
        });
        console.Profile.Width = 40;

        new ReplayRenderer(console, Language.English).RenderStep(Step());

        var titleLines = output.ToString().ReplaceLineEndings("\n").Split('\n').TakeWhile(line => !line.StartsWith("What the bot answers", StringComparison.Ordinal)).ToList();
        Assert.True(titleLines.Count > 2, string.Join('\n', titleLines));
        Assert.All(titleLines, line => Assert.True(line.Length <= 40, line));
        Assert.Equal("── 2021-10-04 15:40 UTC " + Title, string.Join(' ', titleLines.Select(line => line.Trim())));
    }

    [Fact]
    public void RenderStep_WithRedirectedOutput_PrintsTheWholeTitleOnOneLine()
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }, outputRedirected: true, noColor: null);

        new ReplayRenderer(console, Language.English).RenderStep(Step());

        Assert.StartsWith($"── 2021-10-04 15:40 UTC {Title}\nWhat the bot answers:\n", output.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private static ReplayStepResult Step() => new(
        ReplayStep.Utc("2021-10-04 15:40", new Phrase(Title, Title)),
        [],
        [],
        new Dictionary<string, Incident>(),
        []);
}
