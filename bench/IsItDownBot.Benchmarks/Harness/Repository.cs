namespace IsItDownBot.Benchmarks.Harness;

/// <summary>Where the repository and the bot's executable are, found from the running benchmark.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string ResultsDirectory => Path.Combine(Root, "bench", "results");

    /// <summary>
    /// The executable built beside this project in the same configuration (the project references it for that),
    /// so a Release run of the benchmarks measures a Release bot.
    /// </summary>
    public static string Executable
    {
        get
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                ? "Release"
                : "Debug";
            var path = Path.Combine(Root, "src", "IsItDownBot", "bin", configuration, "net10.0", OperatingSystem.IsWindows() ? "isitdown.exe" : "isitdown");
            return File.Exists(path)
                ? path
                : throw new FileNotFoundException($"The bot's executable is not built at {path}: build the solution in {configuration} first.");
        }
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IsItDownBot.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run the benchmarks from inside the repository.");
    }
}
