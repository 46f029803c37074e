using System.Diagnostics.Metrics;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Telemetry;

/// <summary>
/// The bot's instruments on one <see cref="Meter"/> named <see cref="MeterName"/>. The core and the adapters
/// record here and know nothing of an exporter; the executable decides whether and how to export them
/// (Prometheus on <c>/metrics</c>). Tags have small fixed sets of values: a user's domain is never a tag.
/// </summary>
public static class BotMetrics
{
    public const string MeterName = "IsItDownBot";

    private static readonly Meter Meter = new(MeterName, "1.0");

    /// <summary>Probe rounds of a service (questions and monitoring; the cache's hits are not rounds), by verdict.</summary>
    public static readonly Counter<long> Checks = Meter.CreateCounter<long>(
        "isitdown.checks", unit: "{check}", description: "Probe rounds of a service, by verdict");

    /// <summary>How long a whole probe round took, by verdict.</summary>
    public static readonly Histogram<double> CheckDuration = Meter.CreateHistogram<double>(
        "isitdown.check.duration", unit: "s", description: "Duration of a service's probe round");

    /// <summary>One probe's latency, by kind (dns, authoritative, tcp, tls, http); skipped steps are not measured.</summary>
    public static readonly Histogram<double> ProbeDuration = Meter.CreateHistogram<double>(
        "isitdown.probe.duration", unit: "s", description: "Latency of one probe, by kind");

    /// <summary>Verdicts given, by verdict and cause code (both small fixed sets).</summary>
    public static readonly Counter<long> Verdicts = Meter.CreateCounter<long>(
        "isitdown.verdicts", unit: "{verdict}", description: "Verdicts given, by verdict and cause");

    /// <summary>Services the monitor holds down right now, after each round.</summary>
    public static readonly Gauge<long> OpenIncidents = Meter.CreateGauge<long>(
        "isitdown.incidents.open", unit: "{incident}", description: "Open incidents after the last monitoring round");

    /// <summary>1 while this instance holds the monitor's lease and runs its rounds, 0 while another one does.</summary>
    public static readonly Gauge<long> MonitorLeader = Meter.CreateGauge<long>(
        "isitdown.monitor.leader", unit: "{instance}", description: "1 when this instance runs the monitoring rounds");

    /// <summary>1 while this instance reads Telegram's updates, 0 while it stands by for another one.</summary>
    public static readonly Gauge<long> TelegramPoller = Meter.CreateGauge<long>(
        "isitdown.telegram.poller", unit: "{instance}", description: "1 when this instance polls Telegram for updates");

    public static readonly Counter<long> AlertsQueued = Meter.CreateCounter<long>(
        "isitdown.alerts.queued", unit: "{alert}", description: "Alerts written to the outbox, by platform");

    public static readonly Counter<long> AlertsDelivered = Meter.CreateCounter<long>(
        "isitdown.alerts.delivered", unit: "{alert}", description: "Alerts a platform confirmed, by platform");

    /// <summary>Sends that did not deliver, by platform and outcome (retry, gone, rejected).</summary>
    public static readonly Counter<long> AlertsFailed = Meter.CreateCounter<long>(
        "isitdown.alerts.failed", unit: "{alert}", description: "Alert sends that failed, by platform and outcome");

    /// <summary>Age of the oldest alert not yet delivered nor abandoned, by platform; 0 when none waits.</summary>
    public static readonly Gauge<double> OutboxOldestAge = Meter.CreateGauge<double>(
        "isitdown.alerts.outbox.oldest_age", unit: "s", description: "Age of the oldest pending alert in the outbox");

    public static readonly Counter<long> GatewayReconnects = Meter.CreateCounter<long>(
        "isitdown.gateway.reconnects", unit: "{reconnect}", description: "Gateway connections opened after the first, by platform");

    /// <summary>429 answers from a chat platform's API, by platform.</summary>
    public static readonly Counter<long> RateLimited = Meter.CreateCounter<long>(
        "isitdown.platform.rate_limited", unit: "{response}", description: "429 Too Many Requests from a chat platform, by platform");

    /// <summary>Records one finished probe round: the check, its verdict, and each probe that ran.</summary>
    public static void RecordRound(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var verdict = new KeyValuePair<string, object?>("verdict", Lower(report.Verdict.ToString()));
        Checks.Add(1, verdict);
        CheckDuration.Record(report.Duration.TotalSeconds, verdict);
        Verdicts.Add(1, verdict, new KeyValuePair<string, object?>("cause", report.Cause.Code));
        foreach (var probe in report.Probes)
        {
            if (probe.Outcome != ProbeOutcome.Skipped)
            {
                ProbeDuration.Record(probe.Latency.TotalSeconds, new KeyValuePair<string, object?>("kind", Lower(probe.Kind.ToString())));
            }
        }
    }

    public static KeyValuePair<string, object?> Platform(string platform) => new("platform", platform);

#pragma warning disable CA1308 // Tag values are lower case by Prometheus convention, not compared.
    private static string Lower(string value) => value.ToLowerInvariant();
#pragma warning restore CA1308
}
