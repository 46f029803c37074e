namespace IsItDownBot.Core.Catalog;

/// <summary>The <c>IsItDown</c> section's catalog keys: services by id, and display names of groups.</summary>
public sealed class CatalogOptions
{
    public const string SectionName = "IsItDown";

    public Dictionary<string, ServiceOptions> Services { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Display names of groups (<c>meta</c> -> <c>Meta</c>); a group without one shows its id.</summary>
    public Dictionary<string, string> Groups { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
