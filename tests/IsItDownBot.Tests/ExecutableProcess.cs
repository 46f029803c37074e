using System.Collections.Concurrent;
using System.Diagnostics;

namespace IsItDownBot.Tests;

/// <summary>The real executable in its own process, its standard output and error read line by line as they come.</summary>
internal sealed class ExecutableProcess : IDisposable
{
    // Generous: a cold start on a busy CI machine; a test never waits this long unless something is wrong.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _output = new();
    private readonly SemaphoreSlim _newLine = new(0);

    private readonly string _dataHome;

    private ExecutableProcess(Process process, string dataHome)
    {
        _process = process;
        _dataHome = dataHome;
    }

    public int Id => _process.Id;

    /// <summary>Every line so far, standard output and error together.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Standard output only.</summary>
    public string Output => string.Join('\n', _output);

    public static ExecutableProcess Start(IEnumerable<string> args, params (string Name, string Value)[] environment)
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

        // The default database lives in the user's data folder: a test that names no database of its own must
        // neither read the developer's real one nor leave one behind.
        var dataHome = Path.Combine(Path.GetTempPath(), $"isitdown-test-data-{Guid.NewGuid():N}");
        start.Environment["XDG_DATA_HOME"] = dataHome;
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = new Process { StartInfo = start };
        var running = new ExecutableProcess(process, dataHome);
        process.OutputDataReceived += (_, e) => running.Add(e.Data, output: true);
        process.ErrorDataReceived += (_, e) => running.Add(e.Data, output: false);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    public static ExecutableProcess Start(params string[] args) => Start(args, []);

    /// <summary>Waits for the first line that matches, and returns it.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            if (_process.HasExited && _newLine.CurrentCount == 0)
            {
                throw new InvalidOperationException("The process ended without printing the line. It printed:\n" + string.Join('\n', _lines));
            }

            try
            {
                await _newLine.WaitAsync(TimeSpan.FromSeconds(1), timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching line within {Patience}. The process printed:\n" + string.Join('\n', _lines));
            }
        }
    }

    /// <summary>
    /// Sends SIGTERM, as a service manager or <c>docker stop</c> does. Through the shell's own <c>kill</c>: slim images
    /// and containers may have no procps.
    /// </summary>
    public void Terminate()
    {
        using var kill = Process.Start("sh", ["-c", "kill -TERM \"$1\"", "sh", Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>SIGKILL, as the kernel's OOM killer or a power cut would: no shutdown, no flush, nothing.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
        _newLine.Dispose();
        if (Directory.Exists(_dataHome))
        {
            Directory.Delete(_dataHome, recursive: true);
        }
    }

    private void Add(string? line, bool output)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (output)
        {
            _output.Enqueue(line);
        }

        _newLine.Release();
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
