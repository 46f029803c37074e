namespace IsItDownBot.Core.Catalog;

public enum CatalogLookupKind
{
    /// <summary>A catalog service, by id, name, alias, zone or (when allowed) a small typo.</summary>
    Service,

    /// <summary>Not in the catalog, but a domain name or IP address the user may check.</summary>
    Domain,

    /// <summary>Nothing matched; <see cref="CatalogLookup.Suggestions"/> holds close names, if any.</summary>
    Unknown,
}

/// <summary>What a name typed by a user refers to.</summary>
public sealed record CatalogLookup(
    string Query,
    CatalogLookupKind Kind,
    ServiceDefinition? Service,
    IReadOnlyList<ServiceDefinition> Suggestions)
{
    public static CatalogLookup Unknown(string query, IReadOnlyList<ServiceDefinition> suggestions) =>
        new(query, CatalogLookupKind.Unknown, null, suggestions);
}
