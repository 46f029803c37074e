using IsItDownBot.Benchmarks.Harness;

namespace IsItDownBot.Benchmarks.Scenarios;

internal static class FanoutScenario
{
    public static Task RunAsync(Results results) => Task.CompletedTask;
}
