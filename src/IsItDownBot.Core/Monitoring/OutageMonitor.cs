using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Telemetry;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Monitoring;

/// <summary>
/// One monitoring round: check every watched service through the same checker the questions use, let the
/// tracker decide transitions, and write states, incidents and alerts in one transaction.
/// </summary>
public sealed partial class OutageMonitor
{
    private static readonly Explaining.Cause NoLongerWatched = new(
        "unwatched",
        new("No longer watched", "N’est plus surveillé"),
        new("Nobody follows this service any more, so the bot stopped checking it.",
            "Plus personne ne suit ce service, donc le bot a cessé de le vérifier."));

    private readonly HashSet<string> _missing = new(StringComparer.OrdinalIgnoreCase);
    private readonly VantageTally _tally = new();
    private readonly IBotStore _store;
    private readonly StatusChecker _checker;
    private readonly ServiceCatalog _catalog;
    private readonly OutageTracker _tracker;
    private readonly OutboxSignal _signal;
    private readonly MonitorOptions _options;
    private readonly VantageOptions _vantage;
    private readonly IReadOnlyList<ChannelRef> _everything;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private long _rounds;

    public OutageMonitor(
        IBotStore store,
        StatusChecker checker,
        ServiceCatalog catalog,
        OutageTracker tracker,
        OutboxSignal signal,
        IOptions<MonitorOptions> options,
        IOptions<AlertOptions> alertOptions,
        IOptions<VantageOptions> vantageOptions,
        TimeProvider time,
        ILogger<OutageMonitor>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(alertOptions);
        ArgumentNullException.ThrowIfNull(vantageOptions);
        _store = store;
        _checker = checker;
        _catalog = catalog;
        _tracker = tracker;
        _signal = signal;
        _options = options.Value;
        _vantage = vantageOptions.Value;
        _everything = alertOptions.Value.LogAlerts ? [ConsoleAlertSink.Channel] : [];
        _time = time;
        _logger = logger ?? NullLogger<OutageMonitor>.Instance;
    }

    /// <summary>Runs one round and returns the transitions it declared.</summary>
    public Task<IReadOnlyList<Transition>> RunRoundAsync(CancellationToken cancellationToken = default) =>
        RunRoundAsync(fenceAt: null, cancellationToken);

    /// <summary>
    /// Runs one round whose commit is fenced by <paramref name="fenceAt"/> (given the commit's time): with several
    /// instances, the round writes nothing and throws <see cref="LeaseLostException"/> if its lease has passed on.
    /// </summary>
    public async Task<IReadOnlyList<Transition>> RunRoundAsync(Func<DateTimeOffset, LeaseFence?>? fenceAt, CancellationToken cancellationToken = default)
    {
        var services = await WatchedServicesAsync(cancellationToken).ConfigureAwait(false);
        var reports = services.Count == 0 ? [] : await _checker.CheckManyAsync(services, cancellationToken).ConfigureAwait(false);
        var states = await _store.LoadServiceStatesAsync(cancellationToken).ConfigureAwait(false);
        var at = _time.GetUtcNow();

        var newStates = new List<ServiceState>();
        var transitions = new List<Transition>();
        var outcomes = new List<RoundOutcome>(reports.Count);
        foreach (var checkedReport in reports)
        {
            // An outage is what enough vantage points see, not what this instance alone sees: with several
            // instances, a failure from one region is a regional problem, counted as a passing round.
            // Each other vantage point's result counts once, in the first round that sees it.
            var counted = checkedReport.Vantages.Count == 0
                ? checkedReport
                : checkedReport with { Vantages = _tally.Uncounted(_vantage.Name, checkedReport.Vantages) };
            var report = QuorumDecision.For(counted, _vantage.Name, _vantage.Quorum).ApplyTo(checkedReport);
            outcomes.Add(new RoundOutcome(report.Service.Id, report.Verdict, report.Cause.Code));
            var state = states.TryGetValue(report.Service.Id, out var known) ? known : ServiceState.Initial(report.Service.Id);
            var (next, transition) = _tracker.Observe(state, report.Service, report, at);
            newStates.Add(next);
            if (transition is not null)
            {
                transitions.Add(transition);
                LogTransition(_logger, report.Service.Id, transition.Kind, report.Cause.Code, transition.IncidentId);
            }
        }

        var subscribers = transitions.Count == 0
            ? []
            : await _store.SubscribersAsync([.. transitions.Select(transition => transition.Service.Id)], cancellationToken).ConfigureAwait(false);
        var alerts = AlertPlanner.Plan(transitions, subscribers, _everything, _catalog);

        // A service nobody watches any more while it is down would keep its incident open for ever, and greet
        // whoever watches it again with a "back up" for an outage they never heard of: close it, quietly.
        var watched = services.Select(service => service.Id).ToHashSet(StringComparer.Ordinal);
        var forgotten = states.Values.Where(state => state.Health == ServiceHealth.Down && !watched.Contains(state.ServiceId)).ToList();
        foreach (var state in forgotten)
        {
            var service = _catalog.Find(state.ServiceId) ?? new ServiceDefinition(state.ServiceId, state.ServiceId, [], null, "", [], []);
            transitions.Add(new Transition(service, TransitionKind.Up, at, NoLongerWatched, state.DownSince ?? at, state.OpenIncidentId));
            newStates.Add(ServiceState.Initial(state.ServiceId));
            LogForgotten(_logger, state.ServiceId);
        }

        if (newStates.Count > 0)
        {
            var commit = new RoundCommit(newStates, transitions, alerts) { Fence = fenceAt?.Invoke(_time.GetUtcNow()) };
            await _store.CommitRoundAsync(commit, cancellationToken).ConfigureAwait(false);
        }

        RecordMetrics(states, newStates, alerts);
        LogRound(new RoundSummary(Interlocked.Increment(ref _rounds), outcomes));
        if (alerts.Count > 0)
        {
            _signal.Notify();
        }

        return [.. transitions.Take(transitions.Count - forgotten.Count)];
    }

    /// <summary>
    /// Probes every watched service and decides nothing: what an instance that does not hold the monitor's lease
    /// does each interval, so that its vantage point's results stay fresh for the leader's quorum and for answers.
    /// </summary>
    public async Task ObserveRoundAsync(CancellationToken cancellationToken = default)
    {
        var services = await WatchedServicesAsync(cancellationToken).ConfigureAwait(false);
        if (services.Count > 0)
        {
            await _checker.CheckManyAsync(services, cancellationToken).ConfigureAwait(false);
        }
    }

    private static void RecordMetrics(IReadOnlyDictionary<string, ServiceState> before, List<ServiceState> after, IReadOnlyList<PlannedAlert> alerts)
    {
        var current = new Dictionary<string, ServiceState>(before, StringComparer.Ordinal);
        foreach (var state in after)
        {
            current[state.ServiceId] = state;
        }

        BotMetrics.OpenIncidents.Record(current.Values.Count(state => state.Health == ServiceHealth.Down));
        foreach (var platform in alerts.GroupBy(alert => alert.Channel.Platform, StringComparer.Ordinal))
        {
            BotMetrics.AlertsQueued.Add(platform.Count(), BotMetrics.Platform(platform.Key));
        }
    }

    // Once a round, after its commit: the sign of life of a bot that has nothing to alert about, and the whole
    // round at a glance. The counts go out as properties too, for a structured sink to chart.
    private void LogRound(RoundSummary summary)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        using var scope = _logger.BeginScope(new Dictionary<string, object>(StringComparer.Ordinal)
        {
            ["Services"] = summary.Outcomes.Count,
            ["Up"] = summary.Count(Explaining.Verdict.Up),
            ["Degraded"] = summary.Count(Explaining.Verdict.Degraded),
            ["Down"] = summary.Count(Explaining.Verdict.Down),
            ["Unknown"] = summary.Count(Explaining.Verdict.Unknown),
        });
        var line = summary.Describe();
        LogRoundLine(_logger, summary.Round, line);
    }

    /// <summary>Services of <c>IsItDown:Monitor:AlwaysWatch</c> (all of them for <c>*</c>), and those with a subscription, each once.</summary>
    private async Task<IReadOnlyList<ServiceDefinition>> WatchedServicesAsync(CancellationToken cancellationToken)
    {
        var services = AlwaysWatched.Expand(_options.AlwaysWatch, _catalog).ToDictionary(service => service.Id, StringComparer.Ordinal);
        var names = await _store.SubscribedServicesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in names)
        {
            // Different names may resolve to one service ("fb" and "facebook"): it must be checked once a round.
            if (_catalog.Find(name) is { } service)
            {
                services.TryAdd(service.Id, service);
            }
            else if (_missing.Add(name))
            {
                // A service removed from the catalog keeps its subscriptions, in case it comes back. Said once.
                LogNotInCatalog(_logger, name);
            }
        }

        return [.. services.Values];
    }

    [LoggerMessage(EventId = 303, Level = LogLevel.Information, Message = "Round {Round}: {Summary}")]
    private static partial void LogRoundLine(ILogger logger, long round, string summary);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "{Service} is no longer watched while down: its incident is closed")]
    private static partial void LogForgotten(ILogger logger, string service);

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "{Service} declared {Transition} ({CauseCode}, closing incident {Incident})")]
    private static partial void LogTransition(ILogger logger, string service, TransitionKind transition, string causeCode, long? incident);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Subscribed service {Service} is no longer in the catalog: not watched")]
    private static partial void LogNotInCatalog(ILogger logger, string service);
}
