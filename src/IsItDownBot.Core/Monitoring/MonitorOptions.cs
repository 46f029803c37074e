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

    /// <summary>Services watched even without a subscription (their alerts show in the log).</summary>
    public List<string> AlwaysWatch { get; set; } = [];
}
