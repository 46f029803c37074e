using System.Net;
using System.Text.RegularExpressions;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Health;

/// <summary>
/// /metrics of <c>run</c> in its own process: the instruments are process-wide, so only a process of its own
/// shows exactly what one bot measured.
/// </summary>
public sealed partial class MetricsTests
{
    [Fact]
    public async Task Metrics_AfterAMonitoringRoundThatFindsAnOutage_ShowEveryInstrumentInPrometheusFormat()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-metrics-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Monitor:Interval"] = "00:00:01";
        world.Settings["IsItDown:Monitor:Jitter"] = "0";
        world.Settings["IsItDown:Monitor:FailureThreshold"] = "1";
        world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "flaky";
        world.Settings["IsItDown:Alerts:PollInterval"] = "00:00:00.100";
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        using var config = TempConfig.FromJson(world.ToJson());

        using (var bot = ExecutableProcess.Start("run", "--config", config.Path))
        {
            var listening = await bot.WaitForLineAsync(line => line.Contains("Health endpoints on", StringComparison.Ordinal));
            using var health = new HealthClient(new Uri(Address().Match(listening).Value));

            var (status, metrics) = await health.WaitForAsync("/metrics", (_, body) => body.Contains("isitdown_alerts_delivered_total{", StringComparison.Ordinal));

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Matches(@"isitdown_checks_total\{[^}]*verdict=""down""[^}]*\} [1-9]", metrics);
            Assert.Matches(@"isitdown_check_duration_seconds_bucket\{[^}]*verdict=""down""", metrics);
            Assert.Matches(@"isitdown_probe_duration_seconds_bucket\{[^}]*kind=""http""", metrics);
            Assert.Matches(@"isitdown_probe_duration_seconds_bucket\{[^}]*kind=""dns""", metrics);
            Assert.Matches(@"isitdown_verdicts_total\{[^}]*cause=""http-server-error""[^}]*verdict=""down""", metrics);
            Assert.Matches(@"isitdown_incidents_open\{[^}]*\} 1\b", metrics);
            Assert.Matches(@"isitdown_alerts_queued_total\{[^}]*platform=""console""[^}]*\} 1\b", metrics);
            Assert.Matches(@"isitdown_alerts_delivered_total\{[^}]*platform=""console""[^}]*\} 1\b", metrics);
            Assert.Matches(@"isitdown_alerts_outbox_oldest_age_seconds\{[^}]*platform=""console""", metrics);
            Assert.Contains("# TYPE isitdown_probe_duration_seconds histogram", metrics, StringComparison.Ordinal);
        }

        File.Delete(database);
    }

    [Fact]
    public async Task Metrics_AfterADiscord429AndADroppedGateway_CountTheRateLimitAndTheReconnect()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        rest.GatewayUrl = gateway.Url;
        var database = Path.Combine(Path.GetTempPath(), $"isitdown-metrics-{Guid.NewGuid():N}.db");
        world.Settings["IsItDown:Storage:Path"] = database;
        world.Settings["IsItDown:Health:Urls"] = "http://127.0.0.1:0";
        world.Settings["IsItDown:Discord:BotToken"] = rest.Token;
        world.Settings["IsItDown:Discord:ApiBaseUrl"] = rest.BaseUrl;
        world.Settings["IsItDown:Discord:GuildId"] = "700";
        world.Settings["Serilog:MinimumLevel:Default"] = "Information";
        using var config = TempConfig.FromJson(world.ToJson());

        using (var bot = ExecutableProcess.Start("run", "--config", config.Path))
        {
            var listening = await bot.WaitForLineAsync(line => line.Contains("Health endpoints on", StringComparison.Ordinal));
            using var health = new HealthClient(new Uri(Address().Match(listening).Value));
            await rest.WaitForCallAsync(call => call.Method == "PUT" && call.Path.Contains("/commands", StringComparison.Ordinal));

            rest.RateLimitNext("/callback", 0.05);
            await gateway.DispatchAsync("INTERACTION_CREATE", Discord.DiscordBot.Command("isitdown", "flaky"));
            await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
            await gateway.DropAsync();
            await gateway.WaitForFrameAsync(frame => (int?)frame["op"] == 6);

            var (_, metrics) = await health.WaitForAsync("/metrics", (_, body) =>
                body.Contains("isitdown_platform_rate_limited_total{", StringComparison.Ordinal)
                && body.Contains("isitdown_gateway_reconnects_total{", StringComparison.Ordinal));
            var (readyStatus, _) = await health.WaitForAsync("/readyz", (status, _) => status == HttpStatusCode.OK);

            Assert.Matches(@"isitdown_platform_rate_limited_total\{[^}]*platform=""discord""[^}]*\} 1\b", metrics);
            Assert.Matches(@"isitdown_gateway_reconnects_total\{[^}]*platform=""discord""[^}]*\} 1\b", metrics);
            Assert.Equal(HttpStatusCode.OK, readyStatus);
        }

        File.Delete(database);
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex Address();
}
