using System.Globalization;
using System.Runtime.InteropServices;
using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Scenarios;

// Runs the scenarios named on the command line ("all" for every one), prints each measurement as it comes, and
// writes the tables to bench/results/latest.md for BENCHMARKS.md to quote.
var scenarios = new (string Name, Func<Results, Task> Run)[]
{
    ("rush", RushScenario.RunAsync),
    ("catalog", CatalogScenario.RunAsync),
    ("cached", CachedScenario.RunAsync),
    ("fanout", FanoutScenario.RunAsync),
    ("footprint", FootprintScenario.RunAsync),
    ("check-world", CheckWorldScenario.RunAsync),
};

var wanted = args.Where(arg => !arg.StartsWith('-')).Select(arg => arg.ToLowerInvariant()).ToList();
if (wanted.Count == 0 || wanted.Except(scenarios.Select(s => s.Name).Append("all")).Any())
{
    Console.Error.WriteLine($"usage: dotnet run -c Release --project bench/IsItDownBot.Benchmarks -- all | {string.Join(" | ", scenarios.Select(s => s.Name))} ...");
    return 2;
}

#if DEBUG
Console.Error.WriteLine("warning: a Debug build; the numbers only mean something with -c Release.");
#endif

var results = new Results();
// "all" leaves out check-world, which waits for Enter instead of measuring.
foreach (var (name, run) in scenarios.Where(s => (wanted.Contains("all") && s.Name != "check-world") || wanted.Contains(s.Name)))
{
    Console.WriteLine($"== {name}");
    await run(results);
}

var header = $"""
    Run {DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC: `dotnet run -c Release --project bench/IsItDownBot.Benchmarks -- {string.Join(' ', args)}`
    on {Environment.ProcessorCount} cores, {Memory()} of memory, {RuntimeInformation.OSDescription}, .NET {Environment.Version}.

    """;
Directory.CreateDirectory(Repository.ResultsDirectory);
var file = Path.Combine(Repository.ResultsDirectory, "latest.md");
await File.WriteAllTextAsync(file, results.ToMarkdown(header));
Console.WriteLine($"Results written to {file}");
return 0;

static string Memory() => Format.Mb(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes).Replace(" MB", " MB", StringComparison.Ordinal);
