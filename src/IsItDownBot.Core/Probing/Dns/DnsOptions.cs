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

    /// <summary>
    /// The root servers' addresses, where the walk down to a zone's delegation starts. Empty here because
    /// configuration binding appends to a list's defaults; the shipped appsettings.json lists the real ones.
    /// Empty: the name servers come from the catalog or the resolvers only.
    /// </summary>
    public List<string> RootServers { get; set; } = [];

    /// <summary>How long one DNS query may take; kept below the probe deadline so later steps still run.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = DefaultTimeout;

    /// <summary>The port the root, TLD and zones' name servers are asked on (53 outside tests: glue has no ports).</summary>
    [Range(1, 65535)]
    public int AuthoritativePort { get; set; } = DefaultAuthoritativePort;
}
