using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Checking;

/// <summary>The <c>IsItDown:Cache</c> section.</summary>
public sealed class CacheOptions
{
    public const string SectionName = "IsItDown:Cache";

    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(30);

    /// <summary>How long a report answers every question about its service without a new probe round.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan Ttl { get; set; } = DefaultTtl;
}
