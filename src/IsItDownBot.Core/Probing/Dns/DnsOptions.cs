using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>The <c>IsItDown:Dns</c> section.</summary>
public sealed class DnsOptions
{
    public const string SectionName = "IsItDown:Dns";
    public const string SystemResolver = "system";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);
    public const int DefaultAuthoritativePort = 53;

    /// <summary>Resolvers to ask: "ip", "ip:port", "[v6]:port", or "system" for the machine's own.</summary>
    public List<string> Resolvers { get; set; } = [];

    /// <summary>How long one DNS query may take; kept below the probe deadline so later steps still run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The port the zones' authoritative servers are asked on (53 outside tests).</summary>
    [Range(1, 65535)]
    public int AuthoritativePort { get; set; } = DefaultAuthoritativePort;
}
