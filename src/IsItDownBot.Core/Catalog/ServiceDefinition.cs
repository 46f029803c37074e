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
        return new(host, host, [], null, host, [new Uri($"https://{authority}/")], [], IsUserSupplied: true);
    }
}

/// <summary>A zone's name server; without an address, it is resolved by name.</summary>
public sealed record AuthoritativeServer(string Name, IPAddress? Address);
