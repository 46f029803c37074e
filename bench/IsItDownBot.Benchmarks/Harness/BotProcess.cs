using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace IsItDownBot.Benchmarks.Harness;

/// <summary>The real executable as a child process, its output drained so it never blocks on a full pipe.</summary>
internal sealed class BotProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];

    private BotProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, line) => Keep(line.Data);
        _process.ErrorDataReceived += (_, line) => Keep(line.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_lines)
            {
                return [.. _lines];
            }
        }
    }

    public static BotProcess Start(params string[] arguments) => StartExecutable(Repository.Executable, arguments);

    /// <summary>Another build of the bot, such as the ReadyToRun publish.</summary>
    public static BotProcess StartExecutable(string executable, params string[] arguments) =>
        new(Process.Start(new ProcessStartInfo(executable, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!);

    /// <summary>Writes a configuration file for <c>--config</c> from flat keys ("IsItDown:Dns:Timeout").</summary>
    public static string WriteConfig(JsonObject json)
    {
        var path = Path.Combine(Path.GetTempPath(), $"isitdown-bench-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return path;
    }

    /// <summary>Resident memory now and at its peak, from /proc (Linux only).</summary>
    public (long Resident, long Peak) Memory()
    {
        long resident = 0, peak = 0;
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line);
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line);
            }
        }

        return (resident, peak);
    }

    public Task<int> WaitForExitAsync(CancellationToken cancellationToken = default) =>
        _process.WaitForExitAsync(cancellationToken).ContinueWith(_ => _process.ExitCode, TaskScheduler.Default);

    /// <summary>SIGTERM, as an orchestrator stops the bot; killed if it has not stopped within the timeout.</summary>
    public async Task StopAsync(TimeSpan timeout)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Add(line);
        }
    }
}
