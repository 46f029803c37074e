using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Telemetry;
using IsItDownBot.Core.Vantages;
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

    // 1/5 of the round is kept for evidence that can only be asked once the probes are done (routing data).
    private const int FollowUpShare = 5;

    private readonly ServiceProber _prober;
    private readonly ServiceCatalog _catalog;
    private readonly OutsideSources _outside;
    private readonly ControlProber _control;
    private readonly ProbeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<StatusChecker> _logger;
    private readonly VantagePoints? _vantages;
    private readonly SingleFlightCache<StatusReport> _reports;
    private readonly SingleFlightCache<TimedControlEvidence> _controlEvidence;
    private int _probeRounds;

    public StatusChecker(
        ServiceProber prober,
        ControlProber control,
        ServiceCatalog catalog,
        OutsideSources outside,
        IOptions<ProbeOptions> probeOptions,
        IOptions<CacheOptions> cacheOptions,
        TimeProvider time,
        ILogger<StatusChecker>? logger = null,
        VantagePoints? vantages = null)
    {
        ArgumentNullException.ThrowIfNull(probeOptions);
        ArgumentNullException.ThrowIfNull(cacheOptions);
        _prober = prober;
        _catalog = catalog;
        _outside = outside;
        _control = control;
        _options = probeOptions.Value;
        _time = time;
        _logger = logger ?? NullLogger<StatusChecker>.Instance;
        _vantages = vantages;
        _reports = new SingleFlightCache<StatusReport>(time, cacheOptions.Value.Ttl);
        _controlEvidence = new SingleFlightCache<TimedControlEvidence>(time, cacheOptions.Value.Ttl);
    }

    /// <summary>How many probe rounds of services have been started: a measure of how well the cache works.</summary>
    public int ProbeRounds => Volatile.Read(ref _probeRounds);

    /// <summary>
    /// The answer for a service: its own probe round, read next to its group's siblings (checked in the same
    /// moment, each through its own cached round) so that a company-wide outage is called one.
    /// </summary>
    public Task<StatusReport> CheckAsync(ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var own = RoundFor(service, cancellationToken);
        if (service.Group is null || service.IsUserSupplied)
        {
            return own;
        }

        var siblings = _catalog.Services.Where(other => other.Group == service.Group && other.Id != service.Id).ToList();
        return siblings.Count == 0 ? own : WithSiblingsAsync(own, siblings, service.Group, cancellationToken);
    }

    private async Task<StatusReport> WithSiblingsAsync(Task<StatusReport> own, List<ServiceDefinition> siblings, string group, CancellationToken cancellationToken)
    {
        var siblingReports = await Task.WhenAll(siblings.Select(sibling => RoundFor(sibling, cancellationToken))).ConfigureAwait(false);
        return GroupCorrelation.InContext(await own.ConfigureAwait(false), siblingReports, _catalog.GroupName(group));
    }

    private Task<StatusReport> RoundFor(ServiceDefinition service, CancellationToken cancellationToken)
    {
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

        // Everything runs at once under the one deadline: the probes, the control hosts, the status page; the
        // routing data as soon as the probes tell which addresses matter.
        var control = _controlEvidence.GetOrStartAsync(ControlKey, ProbeControlHostsAsync);
        var statusPage = _outside.StatusPageAsync(service, deadline.Token);

        // The probes stop a fifth of the round early: a connection still unanswered by then has timed out for
        // any user, and the routing data asked about it afterwards gets time to arrive within the round.
        using var probeDeadline = new CancellationTokenSource(_options.Timeout - (_options.Timeout / FollowUpShare), _time);
        var (endpoints, delegation) = await _prober.ProbeAsync(service, probeDeadline.Token).ConfigureAwait(false);
        var routing = await _outside.RoutingAsync(service, endpoints, delegation, deadline.Token).ConfigureAwait(false);
        var controlEvidence = await control.ConfigureAwait(false);
        var evidence = new ProbeEvidence(service, endpoints, delegation, controlEvidence.Evidence)
        {
            StatusPage = await statusPage.ConfigureAwait(false),
            Routing = routing,
        };
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
            ? endpoints.SelectMany(endpoint => endpoint.All).Concat(delegation.All)
            : evidence.All;
        var elapsed = _time.GetElapsedTime(started);
        CheckingLog.RoundFinished(_logger, service.Id, diagnosis.Verdict, diagnosis.Cause.Code, (long)elapsed.TotalMilliseconds);
        var report = new StatusReport(service, diagnosis.Verdict, diagnosis.Cause, checkedAt, elapsed, [.. probes])
        {
            Confidence = diagnosis.Confidence,
            Notes = diagnosis.Notes,
        };
        BotMetrics.RecordRound(report);

        // Inside the cached round: a thousand questions at once cost the shared store one write and one read.
        return _vantages is null ? report : await _vantages.ShareAsync(report).ConfigureAwait(false);
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
