using System.Diagnostics;
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
        Assert.StartsWith("UP Renamed by the environment: It's up from here", output, StringComparison.Ordinal);
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
        Assert.StartsWith("DOWN Broken: Broken's servers answer 500", output, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', output);
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, params (string Name, string Value)[] environment)
    {
        var executable = ExecutablePath();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(executable)!,
        };
        start.ArgumentList.Add(executable);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }

    /// <summary>
    /// The executable in its own build output (bin/{configuration}/{framework} of src/IsItDownBot): the copy
    /// beside the tests resolves its dependencies against the tests' own, which differ.
    /// </summary>
    private static string ExecutablePath()
    {
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = output.Name;
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IsItDownBot.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return Path.Combine(root.FullName, "src", "IsItDownBot", "bin", configuration, framework, "isitdown.dll");
    }
}
