using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Probing;

/// <summary>The <c>IsItDown:Probes</c> section.</summary>
public sealed class ProbeOptions
{
    public const string SectionName = "IsItDown:Probes";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);
    public static readonly TimeSpan DefaultSlowAfter = TimeSpan.FromSeconds(2);

    /// <summary>The deadline of one whole probe round: DNS, TCP, TLS and HTTP of every endpoint.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>An HTTP answer slower than this makes the verdict "slow".</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SlowAfter { get; set; } = DefaultSlowAfter;

    /// <summary>Optional PEM file of extra trusted root certificates (private services, tests).</summary>
    public string? TrustedCaFile { get; set; }

    /// <summary>URLs of sites that are almost never down; when they fail too, the bot's own network is the problem.</summary>
    public List<string> ControlHosts { get; set; } = [];

    public string UserAgent { get; set; } = "IsItDownBot/1.0 (+https://github.com/isitdownbot/isitdownbot)";
}
