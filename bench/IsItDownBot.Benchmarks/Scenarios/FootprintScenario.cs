using IsItDownBot.Benchmarks.Harness;

namespace IsItDownBot.Benchmarks.Scenarios;

internal static class FootprintScenario
{
    public static Task RunAsync(Results results) => Task.CompletedTask;
}
