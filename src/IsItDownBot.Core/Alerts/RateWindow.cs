using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Alerts;

/// <summary>At most <see cref="Count"/> messages in any <see cref="Per"/>: "1 per second", "20 per minute".</summary>
public sealed class RateWindow
{
    [Range(1, 100_000)]
    public int Count { get; set; } = 1;

    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan Per { get; set; } = TimeSpan.FromSeconds(1);

    public static RateWindow Of(int count, TimeSpan per) => new() { Count = count, Per = per };
}
