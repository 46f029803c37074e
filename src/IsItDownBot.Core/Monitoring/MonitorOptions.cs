using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Monitoring;

/// <summary>The <c>IsItDown:Monitor</c> section.</summary>
public sealed class MonitorOptions
{
    public const string SectionName = "IsItDown:Monitor";

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(1);
    public const double DefaultJitter = 0.1;
    public const int DefaultFailureThreshold = 2;
    public const int DefaultSuccessThreshold = 2;

    // Three rounds: a leader that misses one renewal (a slow round, a database hiccup) keeps its place.
    public const int LeaderLeaseRounds = 3;
    public static readonly TimeSpan MinimumDefaultLeaderLease = TimeSpan.FromSeconds(30);

    /// <summary>Time between two rounds of checks.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = DefaultInterval;

    /// <summary>Each pause varies by up to this fraction of the interval, so many bots do not probe in step.</summary>
    [Range(0.0, 0.5)]
    public double Jitter { get; set; } = DefaultJitter;

    /// <summary>Consecutive failing rounds before a service is declared down.</summary>
    [Range(1, 100)]
    public int FailureThreshold { get; set; } = DefaultFailureThreshold;

    /// <summary>Consecutive passing rounds before a service that was down is declared back up.</summary>
    [Range(1, 100)]
    public int SuccessThreshold { get; set; } = DefaultSuccessThreshold;

    /// <summary>
    /// With several instances on one database, how long the instance running the rounds keeps that role without
    /// renewing it: when it dies, another takes over after at most this long. Default: three intervals, at least 30 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan? LeaderLease { get; set; }

    /// <summary>The leader lease in force: <see cref="LeaderLease"/> when set, else the default from the interval.</summary>
    public TimeSpan EffectiveLeaderLease =>
        LeaderLease ?? TimeSpan.FromTicks(Math.Max(Interval.Ticks * LeaderLeaseRounds, MinimumDefaultLeaderLease.Ticks));

    /// <summary>
    /// Services watched even without a subscription (their alerts show in the log): catalog ids, or <c>*</c> for the
    /// whole catalog. Empty by default in code, because binding appends to a list's defaults; the shipped
    /// appsettings.json says <c>*</c>, so a first <c>run</c> keeps a history of every service.
    /// </summary>
    public List<string> AlwaysWatch { get; set; } = [];
}
