using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// Both resolvers answer every query with garbage (the right id, random bytes after it). The bot never crashes nor
/// blames the service: with no name resolvable, not even the control hosts', it says it cannot tell, declares no
/// outage, and answers normally once the resolvers are sane again.
/// </summary>
public sealed class GarbageDnsTests
{
    [Fact]
    public async Task ResolversAnsweringGarbage_GiveAnHonestCannotTell_NoFalseAlert_ThenNormalAnswers()
    {
        GarbageDnsServer? garbageA = null;
        GarbageDnsServer? garbageB = null;
        await using var rig = await FaultRig.StartAsync(prepare: world =>
        {
            garbageA = new GarbageDnsServer(world.ResolverA.EndPoint, seed: 1);
            garbageB = new GarbageDnsServer(world.ResolverB.EndPoint, seed: 2);
            world.Settings["IsItDown:Dns:Resolvers:0"] = garbageA.ResolverSpec;
            world.Settings["IsItDown:Dns:Resolvers:1"] = garbageB.ResolverSpec;
        });
        await using var ownedA = garbageA!;
        await using var ownedB = garbageB!;
        await rig.SubscribeAsync("flaky", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());

        var during = await rig.AskOnTelegramAsync("is flaky down?");
        var discordDuring = await rig.AskOnDiscordAsync("flaky");
        var logged = await rig.WaitForLogAsync("local-network");
        await rig.WaitForReadyAsync();
        var garbageSent = ownedA.GarbageSent + ownedB.GarbageSent;

        ownedA.Heal();
        ownedB.Heal();
        // Each attempt from a new chat: one chat asking every few milliseconds would meet the question rate limit.
        var attempt = 0;
        var after = await FaultRig.PollAsync(async () =>
        {
            var text = await rig.AskOnTelegramAsync("is flaky down?", chat: 1002 + attempt++);
            return text.Contains("is up", StringComparison.Ordinal) ? text : null;
        }, "a normal answer once DNS is sane");

        Assert.True(garbageSent > 0);
        Assert.Contains("Flaky", during, StringComparison.Ordinal);
        Assert.True(discordDuring.Contains("Flaky", StringComparison.Ordinal), $"Discord's answer: {discordDuring}\nThe bot's warnings and errors:\n{rig.Troubles()}");
        Assert.NotNull(logged);
        Assert.StartsWith("✅ <b>Flaky</b> is up", after, StringComparison.Ordinal);
        Assert.Equal(0, rig.TelegramAlerts());
        Assert.Equal(0, rig.DiscordAlerts());
        Assert.DoesNotContain(rig.LogLines(), line => line.Contains("monitoring round failed", StringComparison.Ordinal));
        Assert.Equal(2, (await rig.Store.SubscribersAsync(["flaky"])).Count);
    }
}
