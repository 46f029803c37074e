using System.Diagnostics;
using System.Runtime.InteropServices;

namespace IsItDownBot.Benchmarks.Harness;

/// <summary>
/// The bot published as it ships (framework-dependent, ReadyToRun for this machine's runtime identifier), so that
/// start-up is measured with the code compiled ahead of time, not just in time.
/// </summary>
internal static class ReadyToRun
{
    public static async Task<string> PublishAsync()
    {
        var output = Path.Combine(Repository.Root, "bench", "IsItDownBot.Benchmarks", "obj", "readytorun");
        var project = Path.Combine(Repository.Root, "src", "IsItDownBot");
        using var publish = Process.Start(new ProcessStartInfo("dotnet",
            ["publish", project, "-c", "Release", "-r", RuntimeInformation.RuntimeIdentifier, "--self-contained", "false",
             "-p:PublishReadyToRun=true", "-o", output, "-nologo", "-v", "quiet"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var outputText = publish.StandardOutput.ReadToEndAsync();
        var errorText = publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await outputText}\n{await errorText}");
        }

        return Path.Combine(output, OperatingSystem.IsWindows() ? "isitdown.exe" : "isitdown");
    }
}
