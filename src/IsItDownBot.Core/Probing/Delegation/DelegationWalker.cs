using System.Net;
using DnsClient;
using DnsClient.Protocol;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Safety;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// Walks down the DNS tree from the root servers, without recursion, to the parent's referral for a zone.
/// It asks no resolver on the way, so it still works when every resolver fails (4 October 2021: resolvers
/// answered SERVFAIL while .com still handed out facebook.com's delegation).
/// </summary>
internal sealed class DelegationWalker
{
    // Root, TLD and a registry or two below it: real chains are two to four referrals long.
    private const int MaxReferrals = 10;

    // A server without glue whose own zone's servers have none either: deeper than that, ask the resolvers.
    private const int MaxLookupDepth = 2;

    private const string Root = "root";

    private readonly IReadOnlyList<ServerAddress> _roots;
    private readonly IterativeQuery _query;
    private readonly ResolverSet _resolvers;
    private readonly ResolverProbe _resolverProbe;

    public DelegationWalker(IOptions<DnsOptions> options, IterativeQuery query, ResolverSet resolvers, ResolverProbe resolverProbe)
    {
        ArgumentNullException.ThrowIfNull(options);
        _roots = [.. options.Value.RootServers
            .Select(spec => IpLiteral.TryParse(spec, out var address) ? new ServerAddress(Root, address) : null)
            .OfType<ServerAddress>()];
        _query = query;
        _resolvers = resolvers;
        _resolverProbe = resolverProbe;
    }

    public bool HasRootServers => _roots.Count > 0;

    /// <summary>Finds the zone that holds <paramref name="name"/> and its parent's referral to it.</summary>
    public Task<Walk> WalkAsync(string name, bool userSupplied, CancellationToken deadline) =>
        WalkAsync(DnsNames.Normalize(name), QueryType.NS, userSupplied, depth: 0, deadline);

    private async Task<Walk> WalkAsync(string name, QueryType type, bool userSupplied, int depth, CancellationToken deadline)
    {
        var lookups = new List<ProbeResult>();
        var zone = "";
        IReadOnlyList<ServerAddress> servers = _roots;
        Referral? last = null;
        IReadOnlyList<ServerAddress> lastServers = [];
        for (var referrals = 0; referrals <= MaxReferrals; referrals++)
        {
            var asked = zone;
            var answer = await _query.AskAsync(name, type, servers, response => Useful(response, asked, name), deadline).ConfigureAwait(false);
            lookups.AddRange(answer.Probes);
            if (answer.Response is not { } response)
            {
                return Silent(name, last, lastServers, lookups);
            }

            if (Referral.Parse(response, zone, name) is not { } referral)
            {
                // The servers of `zone` answered for the name themselves: it lies inside that zone. At the root
                // or a TLD that means it was never delegated (www.example.org is inside example.org, not a zone).
                return last is null || DnsNames.IsTopLevel(zone)
                    ? Walk.NotDelegated(name, lookups)
                    : Walk.Found(last, lastServers, response, lookups);
            }

            var (addresses, addressLookups) = await AddressesAsync(referral, userSupplied, depth, deadline).ConfigureAwait(false);
            lookups.AddRange(addressLookups);
            if (referral.Zone == name)
            {
                return Walk.Found(referral, addresses, null, lookups);
            }

            var next = Askable(name, addresses, userSupplied, lookups);
            (zone, servers, last, lastServers) = (referral.Zone, next, referral, addresses);
            if (next.Count == 0)
            {
                return Silent(name, last, lastServers, lookups);
            }
        }

        return Walk.ParentUnreachable(name, lookups);
    }

    /// <summary>
    /// No answer at this level. Below a TLD the last referral is most likely the zone itself, its servers silent
    /// (asked about www.facebook.com on 4 October 2021); from the root or a TLD the bot cannot tell anything.
    /// </summary>
    private static Walk Silent(string name, Referral? last, IReadOnlyList<ServerAddress> lastServers, List<ProbeResult> lookups) =>
        last is not null && !DnsNames.IsTopLevel(last.Zone)
            ? Walk.Found(last, lastServers, null, lookups)
            : Walk.ParentUnreachable(name, lookups);

    /// <summary>A referral deeper down, or an answer from the servers' own zone (including "no such name").</summary>
    private static bool Useful(IDnsQueryResponse response, string zone, string name) =>
        Referral.Parse(response, zone, name) is not null
        || response.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain
        || (response.Header.ResponseCode == DnsHeaderResponseCode.NoError && response.Header.HasAuthorityAnswer);

    /// <summary>The root servers are configured, so trusted; every other address of a user's domain must be public.</summary>
    private static List<ServerAddress> Askable(string name, IReadOnlyList<ServerAddress> servers, bool userSupplied, List<ProbeResult> lookups)
    {
        if (!userSupplied)
        {
            return [.. servers];
        }

        foreach (var blocked in servers.Where(server => !AddressPolicy.IsPublic(server.Address)))
        {
            lookups.Add(new ProbeResult(name, ProbeKind.Authoritative, $"{blocked.Name} ({blocked.Address})", ProbeOutcome.Blocked, TimeSpan.Zero,
                "not asked: a private or reserved address"));
        }

        return [.. servers.Where(server => AddressPolicy.IsPublic(server.Address))];
    }

    /// <summary>The referral's glue, and for servers without glue, their addresses looked up from the root, else through the resolvers.</summary>
    private async Task<(IReadOnlyList<ServerAddress> Addresses, IReadOnlyList<ProbeResult> Lookups)> AddressesAsync(
        Referral referral, bool userSupplied, int depth, CancellationToken deadline)
    {
        var names = referral.NameServers.Take(DelegationLimits.MaxServers).ToList();
        var glued = names
            .SelectMany(server => DnsNames.Interleave(referral.Glue.Where(glue => glue.Name == server), glue => glue.Address, DelegationLimits.MaxAddressesPerFamily))
            .ToList();
        var glueless = names.Where(server => glued.All(glue => glue.Name != server)).ToList();
        if (glueless.Count == 0)
        {
            return (glued, []);
        }

        var found = await Task.WhenAll(glueless.Select(server => LookUpAsync(server, referral.Zone, userSupplied, depth, deadline))).ConfigureAwait(false);
        return ([.. glued, .. found.SelectMany(result => result.Addresses)], [.. found.SelectMany(result => result.Lookups)]);
    }

    private async Task<(IReadOnlyList<ServerAddress> Addresses, IReadOnlyList<ProbeResult> Lookups)> LookUpAsync(
        string server, string zone, bool userSupplied, int depth, CancellationToken deadline)
    {
        var lookups = new List<ProbeResult>();

        // A server inside the zone it serves cannot be found without glue: the walk would come back here.
        if (depth < MaxLookupDepth && !DnsNames.IsAtOrUnder(server, zone))
        {
            var walk = await WalkAsync(server, QueryType.A, userSupplied, depth + 1, deadline).ConfigureAwait(false);
            lookups.AddRange(walk.Lookups);
            if (walk.End == WalkEnd.Found)
            {
                var askable = Askable(server, walk.Servers, userSupplied, lookups);
                List<IPAddress> v4 = walk.Answer is { } answer
                    ? [.. answer.Answers.ARecords().Select(record => record.Address)]
                    : await AskAddressesAsync(server, QueryType.A, askable, lookups, deadline).ConfigureAwait(false);
                var v6 = await AskAddressesAsync(server, QueryType.AAAA, askable, lookups, deadline).ConfigureAwait(false);
                var addresses = DnsNames.Interleave(v4.Concat(v6).Distinct(), address => address, DelegationLimits.MaxAddressesPerFamily);
                if (addresses.Count > 0)
                {
                    return ([.. addresses.Select(address => new ServerAddress(server, address))], lookups);
                }
            }
        }

        // The resolvers as a last resort: they may fail in an outage, but a glue-less server is often outside it.
        var resolved = await Task.WhenAll(_resolvers.Resolvers.Select(resolver => _resolverProbe.ProbeAsync(resolver, zone, server, deadline))).ConfigureAwait(false);
        lookups.AddRange(resolved);
        var fromResolvers = DnsNames.Interleave(resolved.SelectMany(result => result.Addresses).Distinct(), address => address, DelegationLimits.MaxAddressesPerFamily);
        return ([.. fromResolvers.Select(address => new ServerAddress(server, address))], lookups);
    }

    private async Task<List<IPAddress>> AskAddressesAsync(string server, QueryType type, IReadOnlyList<ServerAddress> servers, List<ProbeResult> lookups, CancellationToken deadline)
    {
        var answer = await _query.AskAsync(server, type, servers, response => response.Header.HasAuthorityAnswer, deadline).ConfigureAwait(false);
        lookups.AddRange(answer.Probes);
        return answer.Response is { } response ? [.. response.Answers.OfType<AddressRecord>().Select(record => record.Address)] : [];
    }
}
