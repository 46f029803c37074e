using System.Net;
using System.Text.Json.Nodes;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// Discord's gateway drops the bot's connection every second and a half, five times: the bot resumes each time,
/// Telegram answers throughout, alerts (sent over REST, not the gateway) arrive once, and /readyz names Discord
/// while it is reconnecting.
/// </summary>
public sealed class DiscordGatewayDroppingTests
{
    [Fact]
    public async Task WhileTheGatewayKeepsDropping_TelegramAnswers_ReadyzNamesDiscord_AlertsArriveOnce_ThenItSettles()
    {
        await using var rig = await FaultRig.StartAsync();
        await rig.SubscribeAsync("flaky", FaultRig.TelegramChannel(), FaultRig.DiscordChannelRef());
        await rig.WaitForReadyAsync();
        var connectionsBefore = rig.Gateway.Connections;

        // /readyz is watched all along: a reconnection can be short, and the fault must show while it lasts.
        using var stop = new CancellationTokenSource();
        var notReady = new List<string>();
        var watcher = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var (status, body) = await rig.Health.GetAsync("/readyz");
                if (status == HttpStatusCode.ServiceUnavailable)
                {
                    lock (notReady)
                    {
                        notReady.AddRange(JsonNode.Parse(body)!["checks"]!.AsArray().Where(check => !(bool)check!["ready"]!).Select(check => (string)check!["name"]!));
                    }
                }

                await Task.Delay(20);
            }
        });

        rig.FlakyHealthy = false;
        var answers = new List<string>();
        for (var drop = 0; drop < 5; drop++)
        {
            await rig.Gateway.WaitForSessionAsync(TimeSpan.FromSeconds(30));
            await rig.Gateway.DropAsync();
            answers.Add(await rig.AskOnTelegramAsync("is flaky down?"));
            // The fault itself: the next drop comes a second and a half later, whatever the bot does.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }

        await rig.WaitForReadyAsync();
        await stop.CancelAsync();
        await watcher;
        var discordAnswer = await rig.AskOnDiscordAsync("flaky");
        await rig.WaitForOutboxDrainedAsync();

        Assert.All(answers, answer => Assert.Contains("Flaky", answer, StringComparison.Ordinal));
        Assert.Contains("discord", notReady);
        Assert.DoesNotContain("telegram", notReady);
        Assert.Contains(rig.LogLines(), line => line.Contains("Discord gateway: connection ended", StringComparison.Ordinal));
        Assert.True(rig.Gateway.Connections >= connectionsBefore + 5, $"expected five reconnections, saw {rig.Gateway.Connections - connectionsBefore}");
        Assert.True(rig.Gateway.Resumes > 0, "the bot should resume its session rather than identify anew");
        Assert.Contains("Flaky", discordAnswer, StringComparison.Ordinal);
        Assert.Equal(1, rig.TelegramAlerts());
        Assert.Equal(1, rig.DiscordAlerts());
        Assert.Equal(2, (await rig.Store.SubscribersAsync(["flaky"])).Count);
    }
}
