using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Core.Probing.Routing;

/// <summary>The <c>IsItDown:Routing</c> section: where to ask whether a service's addresses are still routed.</summary>
public sealed class RoutingOptions
{
    public const string SectionName = "IsItDown:Routing";

    public const string DefaultLookingGlassUrl = "https://stat.ripe.net/data/looking-glass/data.json";
    public const int DefaultMaxAddresses = 8;
    public const string DefaultSourceApp = "isitdownbot";

    /// <summary>Off, no routing data is fetched and <see cref="RoutingProbe"/> reports nothing.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>RIPEstat's looking-glass data call (or a fake on loopback); asked with <c>?resource=&lt;ip&gt;</c>.</summary>
    public string LookingGlassUrl { get; set; } = DefaultLookingGlassUrl;

    /// <summary>Addresses looked up per check: a big service has dozens, and a handful already tell whether its network is gone.</summary>
    [Range(1, 64)]
    public int MaxAddresses { get; set; } = DefaultMaxAddresses;

    /// <summary>
    /// Ask about private and loopback addresses too. Off in production, where such an address is never in the
    /// global routing table; on for a lab or a replay whose routing source is itself a simulation.
    /// </summary>
    public bool IncludeNonPublicAddresses { get; set; }

    /// <summary>Sent as <c>sourceapp=</c>: RIPEstat asks regular callers to identify themselves. Empty sends none.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{0,64}$", ErrorMessage = "must be at most 64 letters, digits, '.', '_' or '-'.")]
    public string? SourceApp { get; set; } = DefaultSourceApp;
}
