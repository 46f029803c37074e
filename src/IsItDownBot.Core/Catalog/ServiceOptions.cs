namespace IsItDownBot.Core.Catalog;

/// <summary>One entry of <c>IsItDown:Services</c>, as written in configuration.</summary>
public sealed class ServiceOptions
{
    public string Name { get; set; } = "";

    public List<string> Aliases { get; set; } = [];

    /// <summary>Services that fail together (Facebook, Instagram, WhatsApp: <c>meta</c>).</summary>
    public string? Group { get; set; }

    /// <summary>The DNS zone the service lives in, e.g. <c>facebook.com</c>.</summary>
    public string Zone { get; set; } = "";

    public List<string> Endpoints { get; set; } = [];

    /// <summary>The zone's authoritative servers; when empty they are looked up through the resolvers.</summary>
    public List<NameServerOptions> NameServers { get; set; } = [];

    /// <summary>The root URL of the service's official Statuspage.io page, e.g. <c>https://discordstatus.com</c>.</summary>
    public string? StatusPage { get; set; }
}

public sealed class NameServerOptions
{
    public string Name { get; set; } = "";

    public string? Address { get; set; }
}
