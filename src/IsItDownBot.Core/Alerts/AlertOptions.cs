using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Alerts;

/// <summary>The <c>IsItDown:Alerts</c> section: how the outbox is drained.</summary>
public sealed class AlertOptions
{
    public const string SectionName = "IsItDown:Alerts";

    /// <summary>How often the outbox is looked at when nothing signals new alerts.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a claimed alert stays invisible to other dispatchers; a crashed one's alerts come back after it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>Sends in flight at once per platform (each still waits for its rate-limit slot).</summary>
    [Range(1, 1000)]
    public int Concurrency { get; set; } = 16;

    /// <summary>How long one send may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Immediate retries of a failed send, with exponential backoff and jitter, before it is rescheduled.</summary>
    [Range(0, 10)]
    public int RetryAttempts { get; set; } = 2;

    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A platform's retry-after up to this long is waited out in place; a longer one reschedules the alert.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxInlineRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest pause between two attempts of an alert that keeps failing.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long delivered and abandoned alerts stay in the outbox, for the record, before they are pruned.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "3650.00:00:00")]
    public TimeSpan KeepSettled { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Write every transition to the log through the console sink.</summary>
    public bool LogAlerts { get; set; } = true;

    /// <summary>Rate limits by platform name; a platform not listed uses <see cref="PlatformLimits.DefaultsFor"/>.</summary>
    public Dictionary<string, PlatformLimits> RateLimits { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The longest one delivery can take: every attempt timing out, and the waits between them. The lease must be
    /// longer, or another dispatcher could take the alert over while it is still being sent.
    /// </summary>
    public TimeSpan LongestDelivery =>
        (SendTimeout * (RetryAttempts + 1))

        // Before retry k the wait is the platform's retry-after (at most MaxInlineRetryAfter) or the backoff,
        // RetryDelay x 2^k with up to double for jitter.
        + Enumerable.Range(0, RetryAttempts).Aggregate(TimeSpan.Zero, (total, k) => total + Max(MaxInlineRetryAfter, RetryDelay * Math.Pow(2, k) * 2));

    public PlatformLimits LimitsFor(string platform) =>
        RateLimits.TryGetValue(platform, out var limits) ? limits : PlatformLimits.DefaultsFor(platform);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
