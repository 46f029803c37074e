using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// A watched service accepts connections, completes TLS, reads the request and then holds the connection open for
/// ever without a byte of answer. Every probe round still ends at its deadline, other questions are answered
/// meanwhile, the outage is announced once and, when the service answers again, the recovery once.
/// </summary>
public sealed class UnansweringTargetTests
{
    [Fact]
    public async Task ATargetThatNeverAnswersNorCloses_IsReportedAtTheDeadline_WithoutHoldingUpAnythingElse()
    {
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var rig = await FaultRig.StartAsync(
            prepare: world => world.StartServiceAsync("stuck", "Stuck", async context =>
            {
                // Until released: no status line, no close. Only the client giving up ends the request.
                await released.Task.WaitAsync(context.RequestAborted);
                context.Response.StatusCode = 200;
            }).GetAwaiter().GetResult(),
            configure: settings => settings["IsItDown:Probes:Timeout"] = "00:00:02");
        try
        {
            await rig.SubscribeAsync("stuck", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());

            var started = DateTimeOffset.UtcNow;
            var stuckAnswer = rig.AskOnTelegramAsync("is stuck down?");
            var flakyAnswer = await rig.AskOnTelegramAsync("is flaky down?", chat: 1002);
            var stuck = await stuckAnswer;
            var took = DateTimeOffset.UtcNow - started;
            var logged = await rig.WaitForLogAsync("stuck declared");
            await FaultRig.Poll(() => rig.TelegramAlerts() == 1 && rig.DiscordAlerts() == 1 ? "sent" : null, "the down alerts");
            await rig.WaitForReadyAsync();

            released.SetResult();
            await FaultRig.Poll(() => rig.TelegramAlerts(contains: "back up") == 1 ? "sent" : null, "the recovery alert");
            await rig.WaitForOutboxDrainedAsync();

            Assert.Contains("Stuck", stuck, StringComparison.Ordinal);
            Assert.Contains("don't reply", stuck, StringComparison.Ordinal);
            Assert.True(took < TimeSpan.FromSeconds(20), $"the answer took {took}");
            Assert.Contains("Flaky", flakyAnswer, StringComparison.Ordinal);
            Assert.Contains("timeout", logged, StringComparison.Ordinal);
            Assert.Equal(1, rig.TelegramAlerts());
            Assert.Equal(1, rig.TelegramAlerts(contains: "back up"));
            Assert.Equal(2, rig.DiscordAlerts());
            Assert.Equal(2, (await rig.Store.SubscribersAsync(["stuck"])).Count);
        }
        finally
        {
            released.TrySetResult();
        }
    }
}
