using System.Net;

namespace IsItDownBot.Core.Catalog;

/// <summary>A service the bot can check: a catalog entry or a domain a user asked about.</summary>
/// <param name="IsUserSupplied">
/// True for a bare domain typed by a user: such a target may only lead to public addresses.
/// Operator-configured services may point anywhere (private services, tests on loopback).
/// </param>
public sealed record ServiceDefinition(
    string Id,
    string Name,
    IReadOnlyList<string> Aliases,
    string? Group,
    string Zone,
    IReadOnlyList<Uri> Endpoints,
    IReadOnlyList<AuthoritativeServer> NameServers,
    bool IsUserSupplied = false)
{
    /// <summary>The root of the service's official Statuspage.io page, when the catalog names one.</summary>
    public Uri? StatusPage { get; init; }

    /// <summary>Builds the definition for a domain a user typed, e.g. <c>example.org</c>.</summary>
    public static ServiceDefinition ForDomain(string host)
    {
        // An IPv6 literal ("2001:db8::1") only fits in a URL between brackets.
        var authority = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return ForTarget(host, new Uri($"https://{authority}/"));
    }

    /// <summary>
    /// Builds the definition for a URL a user typed (<c>https://example.org/a/b</c>): named by what it probes
    /// beyond the host, so that two pages of one site are two answers, not one cached for both.
    /// </summary>
    public static ServiceDefinition ForTarget(string host, Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var isSiteRoot = endpoint.IsDefaultPort && endpoint.PathAndQuery == "/" && endpoint.Scheme == Uri.UriSchemeHttps;
        var id = isSiteRoot ? host : endpoint.GetComponents(UriComponents.Host | UriComponents.Port | UriComponents.PathAndQuery, UriFormat.UriEscaped);
        // "example.org:8443", not "example.org:8443/": a bare root path says nothing a person typed.
        if (endpoint.PathAndQuery == "/")
        {
            id = id.TrimEnd('/');
        }

        if (!isSiteRoot && endpoint.Scheme == Uri.UriSchemeHttp)
        {
            id = $"{Uri.UriSchemeHttp}://{id}";
        }

        return new(id, id, [], null, host, [endpoint], [], IsUserSupplied: true);
    }
}

/// <summary>A zone's name server; without an address, it is resolved by name.</summary>
public sealed record AuthoritativeServer(string Name, IPAddress? Address);
