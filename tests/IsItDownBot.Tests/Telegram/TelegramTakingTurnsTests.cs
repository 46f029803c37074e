using System.Text.Json.Nodes;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Faults;
using IsItDownBot.Tests.Health;

namespace IsItDownBot.Tests.Telegram;

/// <summary>
/// Two instances with one token and one database: one polls Telegram, the other stands by, and takes over when the
/// first stops. The fake Bot API cuts a waiting getUpdates off with 409 when another arrives, as Telegram does, so
/// two instances polling at once would show as conflicts.
/// </summary>
public sealed class TelegramTakingTurnsTests
{
    private const long Alice = 1001;
    private const long Bob = 1002;

    [Fact]
    public async Task TwoInstancesOnOneDatabase_PollInTurn_AndTheStandbyAnswersOnceThePollerStops()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-turns-{Guid.NewGuid():N}.db");
        void Shared(IDictionary<string, string?> settings)
        {
            settings["IsItDown:Storage:Path"] = database;
            settings["IsItDown:Telegram:PollerLease"] = "00:00:06";
        }

        var bots = new List<RunningBot>();
        try
        {
            bots.Add(await TelegramBot.StartAsync(world, telegram, Shared));
            bots.Add(await TelegramBot.StartAsync(world, telegram, Shared));
            var (poller, standby, standbyReason) = await WhoPollsAsync(bots);

            telegram.EnqueueMessage(Alice, "is flaky down?");
            await telegram.WaitForSentAsync(call => call.ChatId == Alice);
            var conflictsWhileBothRan = telegram.Conflicts;

            await poller.DisposeAsync();
            bots.Remove(poller);
            telegram.EnqueueMessage(Bob, "is flaky down?", fromUserId: Bob, fromUsername: "bob");
            await telegram.WaitForSentAsync(call => call.ChatId == Bob);
            using var health = new HealthClient(standby.HealthAddress);
            var (_, afterBody) = await health.WaitForAsync("/readyz", (_, body) => TelegramCheck(body)["reason"] is null);

            Assert.Equal(0, conflictsWhileBothRan);
            Assert.StartsWith("standing by: ", standbyReason, StringComparison.Ordinal);
            Assert.Single(telegram.Sent(Alice));
            Assert.Single(telegram.Sent(Bob));
            Assert.True((bool)TelegramCheck(afterBody)["ready"]!);
        }
        finally
        {
            foreach (var bot in bots)
            {
                await bot.DisposeAsync();
            }

            foreach (var file in new[] { database, database + "-wal", database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    /// <summary>Waits until one bot's /readyz says it stands by, and returns the other one, that one, and its reason.</summary>
    private static async Task<(RunningBot Poller, RunningBot Standby, string Reason)> WhoPollsAsync(IReadOnlyList<RunningBot> bots)
    {
        var clients = bots.Select(bot => new HealthClient(bot.HealthAddress)).ToList();
        try
        {
            var found = await FaultRig.PollAsync(async () =>
            {
                for (var i = 0; i < bots.Count; i++)
                {
                    var (_, body) = await clients[i].GetAsync("/readyz");
                    if ((string?)TelegramCheck(body)["reason"] is { } reason && reason.StartsWith("standing by", StringComparison.Ordinal))
                    {
                        return Tuple.Create(bots[1 - i], bots[i], reason);
                    }
                }

                return null;
            }, "one of the two instances standing by");
            return (found.Item1, found.Item2, found.Item3);
        }
        finally
        {
            clients.ForEach(client => client.Dispose());
        }
    }

    private static JsonNode TelegramCheck(string readyz) =>
        JsonNode.Parse(readyz)!["checks"]!.AsArray().Single(check => (string?)check!["name"] == "telegram")!;
}
