using System.Collections.Concurrent;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Safety;
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
    private readonly ConcurrentDictionary<string, (string? Group, ServiceDefinition[] Siblings)> _siblings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GroupReading> _readings = new(StringComparer.Ordinal);
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
    /// <remarks>
    /// During an outage everyone asks at once, so the cached path allocates nothing: the shared round's task
    /// is returned as it is, and a service read in its group's light gets the reading already made from the
    /// same rounds (reports are immutable, so the same rounds always read the same way).
    /// </remarks>
    public Task<StatusReport> CheckAsync(ServiceDefinition service, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        var own = SharedRound(service);
        if (service.Group is null || service.IsUserSupplied)
        {
            return WaitFor(own, cancellationToken);
        }

        var siblings = SiblingsOf(service);
        if (siblings.Length == 0)
        {
            return WaitFor(own, cancellationToken);
        }

        if (_readings.TryGetValue(service.Id, out var reading) && reading.IsFor(own, siblings, this))
        {
            return WaitFor(reading.Report, cancellationToken);
        }

        var siblingRounds = Array.ConvertAll(siblings, SharedRound);
        var report = WithSiblingsAsync(own, siblingRounds, service.Group);
        _readings[service.Id] = new GroupReading(own, siblings, siblingRounds, report);
        return WaitFor(report, cancellationToken);
    }

    private async Task<StatusReport> WithSiblingsAsync(Task<StatusReport> own, Task<StatusReport>[] siblingRounds, string group)
    {
        var siblingReports = await Task.WhenAll(siblingRounds).ConfigureAwait(false);
        return GroupCorrelation.InContext(await own.ConfigureAwait(false), siblingReports, _catalog.GroupName(group));
    }

    /// <summary>The catalog's other services of the same group, found once per service rather than per question.</summary>
    private ServiceDefinition[] SiblingsOf(ServiceDefinition service)
    {
        if (_siblings.TryGetValue(service.Id, out var known) && string.Equals(known.Group, service.Group, StringComparison.Ordinal))
        {
            return known.Siblings;
        }

        var siblings = FindSiblings(service);
        _siblings[service.Id] = (service.Group, siblings);
        return siblings;
    }

    // Apart from SiblingsOf: a lambda capturing the service allocates its closure on entry to the method
    // that holds it, even when the cached siblings are returned before reaching it.
    private ServiceDefinition[] FindSiblings(ServiceDefinition service) =>
        [.. _catalog.Services.Where(other => other.Group == service.Group && other.Id != service.Id)];

    // The round is shared, so it is never cancelled by one caller; a caller that gives up only stops waiting.
    // WaitAsync hands back the task itself when it is complete or the token cannot be cancelled.
    private static Task<StatusReport> WaitFor(Task<StatusReport> report, CancellationToken cancellationToken) =>
        cancellationToken.CanBeCanceled ? report.WaitAsync(cancellationToken) : report;

    private Task<StatusReport> SharedRound(ServiceDefinition service)
    {
        var key = service.IsUserSupplied ? "domain:" + service.Id : service.Id;
        return _reports.GetOrStartAsync(key, static state => state.Checker.ProbeRoundAsync(state.Service), (Checker: this, Service: service));
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
        var report = PrivateAddressRedaction.Apply(new StatusReport(service, diagnosis.Verdict, diagnosis.Cause, checkedAt, elapsed, [.. probes])
        {
            Confidence = diagnosis.Confidence,
            Notes = diagnosis.Notes,
        });
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

    /// <summary>
    /// A service's report read in its group's light, and the rounds it was read from: valid for as long as the
    /// cache hands out the same rounds (a renewed round, or a failed one, is a different task).
    /// </summary>
    private sealed class GroupReading(Task<StatusReport> own, ServiceDefinition[] siblings, Task<StatusReport>[] siblingRounds, Task<StatusReport> report)
    {
        public Task<StatusReport> Report => report;

        public bool IsFor(Task<StatusReport> currentOwn, ServiceDefinition[] currentSiblings, StatusChecker checker)
        {
            if (!ReferenceEquals(currentOwn, own) || !ReferenceEquals(currentSiblings, siblings))
            {
                return false;
            }

            for (var i = 0; i < siblings.Length; i++)
            {
                if (!ReferenceEquals(checker.SharedRound(siblings[i]), siblingRounds[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>Control evidence and when its probing started (a <see cref="TimeProvider"/> timestamp).</summary>
    private sealed record TimedControlEvidence(ControlEvidence Evidence, long StartedAt);
}
