using System.Net;
using System.Text;

namespace IsItDownBot.Core.Catalog;

/// <summary>The services the bot knows, found by id, name, alias, zone or a close spelling.</summary>
public sealed class ServiceCatalog
{
    private readonly Dictionary<string, ServiceDefinition> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _groupNames;

    public ServiceCatalog(IEnumerable<ServiceDefinition> services, IReadOnlyDictionary<string, string>? groupNames = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Services = [.. services];
        _groupNames = new Dictionary<string, string>(groupNames ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase);
        foreach (var service in Services)
        {
            foreach (var name in service.Aliases.Prepend(service.Name).Prepend(service.Id))
            {
                var key = Key(name);
                if (key.Length > 0)
                {
                    _byKey.TryAdd(key, service);
                }
            }
        }
    }

    public IReadOnlyList<ServiceDefinition> Services { get; }

    public static ServiceCatalog FromOptions(CatalogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var services = options.Services
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => ToDefinition(pair.Key, pair.Value));
        return new ServiceCatalog(services, options.Groups);
    }

    /// <summary>The display name of a group ("Meta" for <c>meta</c>).</summary>
    public string GroupName(string group) =>
        _groupNames.TryGetValue(group, out var name) ? name : group;

    /// <summary>The service with this id, name or alias, ignoring case, accents, spaces and punctuation.</summary>
    public ServiceDefinition? Find(string name) =>
        _byKey.TryGetValue(Key(name), out var service) ? service : null;

    /// <summary>
    /// Resolves what a user typed. Exact names win; then domains (a catalog zone's domain maps to its
    /// service); then, when <paramref name="allowTypos"/>, the only service a small edit away, if the
    /// typo keeps the first letter.
    /// </summary>
    public CatalogLookup Lookup(string text, bool allowTypos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var query = text.Trim();
        if (Find(query) is { } exact)
        {
            return new CatalogLookup(query, CatalogLookupKind.Service, exact, []);
        }

        if (HostName.TryParseTarget(query, out var host, out var endpoint))
        {
            var owner = FindByHost(host);
            return owner is null
                ? new CatalogLookup(query, CatalogLookupKind.Domain, ServiceDefinition.ForTarget(host, endpoint), [])
                : new CatalogLookup(query, CatalogLookupKind.Service, owner, []);
        }

        var key = Key(query);
        var candidates = Candidates(key);
        var suggestions = candidates.Select(candidate => candidate.Service).Distinct().Take(3).ToList();

        // People rarely mistype the first letter of a name they mean, while ordinary words one edit
        // away from a name usually differ there: "mail" is not Gmail, "switch" is not Twitch.
        if (allowTypos && suggestions.Count == 1 && candidates[0].Key[0] == key[0])
        {
            return new CatalogLookup(query, CatalogLookupKind.Service, suggestions[0], []);
        }

        return CatalogLookup.Unknown(query, suggestions);
    }

    /// <summary>Services whose names are a small edit away from <paramref name="text"/>, closest first.</summary>
    public IReadOnlyList<ServiceDefinition> Suggest(string text, int max = 3)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. Candidates(Key(text)).Select(candidate => candidate.Service).Distinct().Take(max)];
    }

    /// <summary>Catalog keys within the typo budget of <paramref name="key"/>, closest first.</summary>
    private List<(ServiceDefinition Service, string Key, int Distance)> Candidates(string key) =>
        [.. _byKey
            .Select(pair => (Service: pair.Value, pair.Key, Distance: EditDistance.Between(key, pair.Key, Math.Max(0, TypoBudget(key, pair.Key)))))
            .Where(candidate => candidate.Distance <= TypoBudget(key, candidate.Key))
            .OrderBy(candidate => candidate.Distance)
            .ThenBy(candidate => candidate.Key, StringComparer.Ordinal)];

    /// <summary>
    /// Edits allowed between two keys, from the shorter one. One edit turns a name of two or three letters
    /// into another word ("was" is not "wa", "fbi" is not "fb", "got" is not "gpt"), so those never match
    /// by typo (-1); one edit from four letters, two from seven ("facebok", "instagarm").
    /// </summary>
    private static int TypoBudget(string a, string b) => Math.Min(a.Length, b.Length) switch
    {
        < 4 => -1,
        < 7 => 1,
        _ => 2,
    };

    private ServiceDefinition? FindByHost(string host)
    {
        if (IPAddress.TryParse(host, out _))
        {
            return null;
        }

        // An endpoint's own host names its service best (mail.google.com is Gmail); then the zone,
        // preferring the service named like it (google.com is Google, not Gmail).
        var byEndpoint = Services.FirstOrDefault(service =>
            service.Endpoints.Any(endpoint => endpoint.IdnHost.Equals(host, StringComparison.OrdinalIgnoreCase)));
        if (byEndpoint is not null)
        {
            return byEndpoint;
        }

        var inZone = Services
            .Where(service => host.Equals(service.Zone, StringComparison.OrdinalIgnoreCase)
                || host.EndsWith("." + service.Zone, StringComparison.OrdinalIgnoreCase))
            .ToList();
        return inZone.FirstOrDefault(service => Key(service.Id) == Key(service.Zone.Split('.')[0]))
            ?? inZone.FirstOrDefault();
    }

    /// <summary>The comparison key of a name: folded, letters and digits only ("Meta Quest" -> "metaquest").</summary>
    public static string Key(string name)
    {
        var folded = TextNormalizer.Fold(name);
        var builder = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    private static ServiceDefinition ToDefinition(string id, ServiceOptions options) => new(
        id,
        string.IsNullOrWhiteSpace(options.Name) ? id : options.Name,
        [.. options.Aliases.Where(alias => !string.IsNullOrWhiteSpace(alias))],
        string.IsNullOrWhiteSpace(options.Group) ? null : options.Group,
        options.Zone.Trim().TrimEnd('.').ToLowerInvariant(),
        [.. options.Endpoints.Select(endpoint => new Uri(endpoint, UriKind.Absolute))],
        [.. options.NameServers.Select(server => new AuthoritativeServer(
            server.Name.Trim().TrimEnd('.'),
            string.IsNullOrWhiteSpace(server.Address) ? null : IPAddress.Parse(server.Address)))])
    {
        StatusPage = string.IsNullOrWhiteSpace(options.StatusPage) ? null : new Uri(options.StatusPage.Trim(), UriKind.Absolute),
    };
}
