using System.Net;
using System.Net.Sockets;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Hosting;

/// <summary>
/// <c>run</c> in its own process, as an operator sees it: a start that fails for a reason the operator can fix ends
/// with exit code 2 and one sentence, no stack trace; the details are logged at Debug only.
/// </summary>
public sealed class StartupErrorTests
{
    [Fact]
    public async Task Run_WhenTheHealthPortIsTaken_SaysSoInOneSentenceWithoutAStackTrace()
    {
        // A listening socket: one merely bound does not stop Kestrel, which binds with SO_REUSEADDR.
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var database = new TempDirectory();

        var (exitCode, lines) = await RunAsync($"http://127.0.0.1:{port}", Path.Combine(database.Path, "bot.db"));

        Assert.Equal(2, exitCode);
        AssertOneSentence(lines, $"Cannot serve the health endpoints on http://127.0.0.1:{port} (IsItDown:Health:Urls): ");
    }

    [Fact]
    public async Task Run_WhenTheDatabaseIsADirectory_SaysItCannotOpenItInOneSentence()
    {
        using var database = new TempDirectory();

        var (exitCode, lines) = await RunAsync("http://127.0.0.1:0", database.Path);

        Assert.Equal(2, exitCode);
        AssertOneSentence(lines, "Cannot open the database (IsItDown:Storage:Path): ");
    }

    [Fact]
    public async Task Run_WhenTheDatabaseIsNotASqliteFile_SaysItCannotOpenItInOneSentence()
    {
        // Not a permission: tests may run as root, whom no file mode stops.
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "bot.db");
        await File.WriteAllTextAsync(database, string.Concat(Enumerable.Repeat("not a database ", 100)));

        var (exitCode, lines) = await RunAsync("http://127.0.0.1:0", database);

        Assert.Equal(2, exitCode);
        AssertOneSentence(lines, "Cannot open the database (IsItDown:Storage:Path): SQLite Error 26: 'file is not a database'.");
    }

    [Fact]
    public async Task Run_WhenTheDatabaseDirectoryIsAFile_SaysItCannotCreateTheDatabaseInOneSentence()
    {
        using var directory = new TempDirectory();
        var file = Path.Combine(directory.Path, "not-a-directory");
        await File.WriteAllTextAsync(file, "x");

        var (exitCode, lines) = await RunAsync("http://127.0.0.1:0", Path.Combine(file, "bot.db"));

        Assert.Equal(2, exitCode);
        AssertOneSentence(lines, "Cannot create the database (IsItDown:Storage:Path): ");
    }

    [Fact]
    public async Task Run_WithAnUnreadableInterval_SaysWhatToWriteInOneSentence()
    {
        using var directory = new TempDirectory();

        var (exitCode, lines) = await RunAsync("http://127.0.0.1:0", Path.Combine(directory.Path, "bot.db"), ("IsItDown__Monitor__Interval", "soon"));

        Assert.Equal(2, exitCode);
        AssertOneSentence(lines, "Invalid configuration: IsItDown:Monitor:Interval is 'soon', which is not a duration: use hh:mm:ss");
    }

    [Fact]
    public async Task Run_WhenTheDatabaseIsNotASqliteFileAtDebugLevel_LogsTheDetails()
    {
        using var directory = new TempDirectory();
        var database = Path.Combine(directory.Path, "bot.db");
        await File.WriteAllTextAsync(database, string.Concat(Enumerable.Repeat("not a database ", 100)));

        var (exitCode, lines) = await RunAsync("http://127.0.0.1:0", database, ("Serilog__MinimumLevel__Default", "Debug"));

        Assert.Equal(2, exitCode);
        Assert.Contains(lines, line => line.Contains("IsItDownBot could not start", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Microsoft.Data.Sqlite.SqliteException", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.StartsWith("Cannot open the database (IsItDown:Storage:Path)", lines[^1], StringComparison.Ordinal);
    }

    // A loopback world under the keys the test is about: the shipped appsettings.json stays the bottom layer, as in
    // production, but its real resolvers, control hosts and catalog are replaced, so that a bot which gets further
    // than it should probes nothing beyond loopback.
    private static async Task<(int ExitCode, IReadOnlyList<string> Lines)> RunAsync(string healthUrls, string databasePath, params (string Name, string Value)[] environment)
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Health:Urls"] = healthUrls;
        world.Settings["IsItDown:Storage:Path"] = databasePath;
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        using var config = TempConfig.FromJson(world.ToJson());
        using var bot = ExecutableProcess.Start(["run", "--config", config.Path], environment);
        var exitCode = await bot.WaitForExitAsync();
        return (exitCode, bot.Lines);
    }

    private static void AssertOneSentence(IReadOnlyList<string> lines, string sentence)
    {
        Assert.Single(lines, line => line.Contains(sentence, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.StartsWith("   at ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains("Exception", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.Contains(" ERR]", StringComparison.Ordinal) || line.Contains(" FTL]", StringComparison.Ordinal));
    }

    private sealed class TempDirectory : IDisposable
    {
        public TempDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"isitdown-start-{Guid.NewGuid():N}");
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
