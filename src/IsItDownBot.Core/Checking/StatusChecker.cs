using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Checking;

/// <summary>
/// Answers "is it down?" for a service: one probe round under one deadline, explained, cached for
/// <c>IsItDown:Cache:Ttl</c>, and shared by everyone asking about the same service at the same time.
/// </summary>
public sealed class StatusChecker
{
    private const string ControlKey = "control";

    private readonly ServiceProber _prober;
    private readonly ControlProber _control;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusChecker> _logger;
    private readonly SingleFlightCache<StatusReport> _reports;
    private readonly SingleFlightCache<TimedControlEvidence> _controlEvidence;
    private int _probeRounds;

    public StatusChecker(
        ServiceProber prober,
        ControlProber control,
        IOptions<ProbeOptions> probeOptions,
        IOptions<CacheOptions> cacheOptions,
        TimeProvider time,
        ILogger<StatusChecker>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(probeOptions);
        ArgumentNullException.ThrowIfNull(cacheOptions);
        _prober = prober;
        _control = control;
        _options = probeOptions.Value;
        _time = time;
        _logger = logger ?? NullLogger<StatusChecker>.Instance;
        _reports = new SingleFlightCache<StatusReport>(time, cacheOptions.Value.Ttl);
        _controlEvidence = new SingleFlightCache<TimedControlEvidence>(time, cacheOptions.Value.Ttl);
    }

    /// <summary>How many probe rounds of services have been started: a measure of how well the cache works.</summary>
    public int ProbeRounds => Volatile.Read(ref _probeRounds);

    public Task<StatusReport> CheckAsync(ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var key = service.IsUserSupplied ? "domain:" + service.Id : service.Id;

        // The round is shared, so it is never cancelled by one caller; a caller that gives up only stops waiting.
        var report = _reports.GetOrStartAsync(key, () => ProbeRoundAsync(service));
        return cancellationToken.CanBeCanceled ? report.WaitAsync(cancellationToken) : report;
    }

    public async Task<IReadOnlyList<StatusReport>> CheckManyAsync(IEnumerable<ServiceDefinition> services, CancellationToken cancellationToken = default) =>
        await Task.WhenAll(services.Select(service => CheckAsync(service, cancellationToken))).ConfigureAwait(false);

    private async Task<StatusReport> ProbeRoundAsync(ServiceDefinition service)
    {
        Interlocked.Increment(ref _probeRounds);
        CheckingLog.RoundStarted(_logger, service.Id);
        var checkedAt = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);

        var control = _controlEvidence.GetOrStartAsync(ControlKey, ProbeControlHostsAsync);
        var (endpoints, nameServers) = await _prober.ProbeAsync(service, deadline.Token).ConfigureAwait(false);
        var controlEvidence = await control.ConfigureAwait(false);
        var evidence = new ProbeEvidence(service, endpoints, nameServers, controlEvidence.Evidence);
        var diagnosis = Explainer.Explain(evidence, _options.SlowAfter);

        // Before blaming a service, make sure the bot's own network worked during this round, not only a
        // while ago: a cached "network fine" from before the bot lost its connection would blame everyone.
        if (diagnosis.Verdict != Verdict.Up && controlEvidence.StartedAt < started)
        {
            CheckingLog.ControlRefreshed(_logger, service.Id);
            controlEvidence = await _controlEvidence.GetOrStartAsync(ControlKey, ProbeControlHostsAsync, notBefore: started).ConfigureAwait(false);
            evidence = evidence with { Control = controlEvidence.Evidence };
            diagnosis = Explainer.Explain(evidence, _options.SlowAfter);
        }

        // The control hosts are evidence only when the service failed; otherwise they are noise.
        var probes = diagnosis.Verdict == Verdict.Up
            ? endpoints.SelectMany(endpoint => endpoint.All).Concat(nameServers)
            : evidence.All;
        var elapsed = _time.GetElapsedTime(started);
        CheckingLog.RoundFinished(_logger, service.Id, diagnosis.Verdict, diagnosis.Cause.Code, (long)elapsed.TotalMilliseconds);
        var report = new StatusReport(service, diagnosis.Verdict, diagnosis.Cause, checkedAt, elapsed, [.. probes]);
        BotMetrics.RecordRound(report);
        return report;
    }

    private async Task<TimedControlEvidence> ProbeControlHostsAsync()
    {
        var started = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.Timeout, _time);
        return new TimedControlEvidence(await _control.ProbeAsync(deadline.Token).ConfigureAwait(false), started);
    }

    /// <summary>Control evidence and when its probing started (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record TimedControlEvidence(ControlEvidence Evidence, long StartedAt);
}
