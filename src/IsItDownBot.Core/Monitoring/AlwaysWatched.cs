using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Monitoring;

/// <summary>Reads <c>IsItDown:Monitor:AlwaysWatch</c>: <c>*</c> for the whole catalog, or a list of service ids.</summary>
public static class AlwaysWatched
{
    /// <summary>The entry that stands for every service of the catalog.</summary>
    public const string EveryService = "*";

    /// <summary>The catalog services the entries name, each once, in catalog order when <c>*</c> is among them.</summary>
    public static IReadOnlyList<ServiceDefinition> Expand(IEnumerable<string> entries, ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(catalog);
        var names = entries.ToList();
        if (names.Exists(IsEveryService))
        {
            return catalog.Services;
        }

        var services = new Dictionary<string, ServiceDefinition>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            // The validator refuses unknown ids at start-up; different names may still be one service ("fb", "facebook").
            if (catalog.Find(name) is { } service)
            {
                services.TryAdd(service.Id, service);
            }
        }

        return [.. services.Values];
    }

    public static bool IsEveryService(string entry) =>
        string.Equals(entry?.Trim(), EveryService, StringComparison.Ordinal);
}
