using IsItDownBot.Benchmarks.Harness;
using IsItDownBot.Benchmarks.Worlds;

namespace IsItDownBot.Benchmarks.Scenarios;

/// <summary>
/// Not a measurement: the footprint benchmark's loopback world for <c>check instant</c>, held open until Enter, so
/// that an outside timer (hyperfine, /usr/bin/time) can run builds side by side against the same endpoint.
/// </summary>
internal static class CheckWorldScenario
{
    public static async Task RunAsync(Results results)
    {
        await using var world = await SlowWorld.StartAsync([new ServiceShape("instant", "Instant", null, 1)], SlowWorld.AnswerAfter(TimeSpan.Zero));
        var config = BotProcess.WriteConfig(world.World.ToJson());
        try
        {
            Console.WriteLine($"config: {config}");
            Console.WriteLine("e.g. hyperfine -N -w 3 -r 20 'dotnet <publish>/isitdown.dll check instant --json --config " + config + "'");
            Console.WriteLine("Press Enter to stop.");
            await Task.Run(Console.ReadLine);
        }
        finally
        {
            File.Delete(config);
        }
    }
}
