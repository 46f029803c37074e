using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests;

/// <summary>The real executable in its own process: environment variables, exit codes, redirected output.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Check_WithAnEnvironmentVariable_OverridesTheConfigFile()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));
        using var config = TempConfig.FromJson(world.ToJson());

        var (exitCode, output, error) = await RunAsync(
            ["check", "fine", "--config", config.Path],
            ("IsItDown__Services__fine__Name", "Renamed by the environment"));

        Assert.True(exitCode == 0, error);
        Assert.StartsWith("UP Renamed by the environment is up", output, StringComparison.Ordinal);
        Assert.Contains("\nIt's up from here", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheServiceIsDown_ExitsOneWithPlainRedirectedOutput()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        using var config = TempConfig.FromJson(world.ToJson());

        var (exitCode, output, _) = await RunAsync(["check", "broken", "--config", config.Path]);

        Assert.Equal(1, exitCode);

        // Redirected output gets no spinner frames and no colour codes: a script can read it.
        Assert.StartsWith("DOWN Broken looks down (medium confidence)\nBroken's servers answer 500", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        using var process = ExecutableProcess.Start(args, environment);
        var exitCode = await process.WaitForExitAsync();
        return (exitCode, process.Output, string.Join('\n', process.Lines));
    }
}
