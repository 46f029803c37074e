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
        WalkAsync(name, userSupplied, WalkLimits.For(userSupplied), deadline);

    /// <summary>The walk within <paramref name="limits"/>; <paramref name="userSupplied"/> decides only which addresses may be asked.</summary>
    internal Task<Walk> WalkAsync(string name, bool userSupplied, WalkLimits limits, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var scope = new Scope(userSupplied, limits, new QueryBudget(limits.Queries));
        return WalkAsync(DnsNames.Normalize(name), QueryType.NS, scope, depth: 0, deadline);
    }

    private async Task<Walk> WalkAsync(string name, QueryType type, Scope scope, int depth, CancellationToken deadline)
    {
        var lookups = new List<ProbeResult>();
        var zone = "";
        IReadOnlyList<ServerAddress> servers = _roots;
        Referral? last = null;
        IReadOnlyList<ServerAddress> lastServers = [];
        for (var referrals = 0; referrals <= MaxReferrals; referrals++)
        {
            var asked = zone;
            var answer = await _query.AskAsync(name, type, servers, response => Useful(response, asked, name), scope.Budget, deadline).ConfigureAwait(false);
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

            var (addresses, addressLookups) = await AddressesAsync(referral, scope, depth, deadline).ConfigureAwait(false);
            lookups.AddRange(addressLookups);
            if (referral.Zone == name)
            {
                return Walk.Found(referral, addresses, null, lookups);
            }

            var next = Askable(name, addresses, scope.UserSupplied, lookups);
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
        Referral referral, Scope scope, int depth, CancellationToken deadline)
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

        // Each lookup is a walk of its own: a hostile delegation lists many glue-less servers to multiply the queries.
        var found = await Task.WhenAll(glueless.Take(scope.Limits.GluelessLookups).Select(server => LookUpAsync(server, referral.Zone, scope, depth, deadline)))
            .ConfigureAwait(false);
        var notLookedUp = glueless.Skip(scope.Limits.GluelessLookups).Select(server => ProbeResult.Skip(server, ProbeKind.Dns, server,
            $"not looked up: only the first {scope.Limits.GluelessLookups} name servers without glue are looked up"));
        return ([.. glued, .. found.SelectMany(result => result.Addresses)], [.. found.SelectMany(result => result.Lookups), .. notLookedUp]);
    }

    private async Task<(IReadOnlyList<ServerAddress> Addresses, IReadOnlyList<ProbeResult> Lookups)> LookUpAsync(
        string server, string zone, Scope scope, int depth, CancellationToken deadline)
    {
        var lookups = new List<ProbeResult>();

        // A server inside the zone it serves cannot be found without glue: the walk would come back here. Deeper
        // than the limits allow (a server of a server's zone without glue), the resolvers are asked instead.
        if (depth < scope.Limits.LookupDepth && !DnsNames.IsAtOrUnder(server, zone))
        {
            var walk = await WalkAsync(server, QueryType.A, scope, depth + 1, deadline).ConfigureAwait(false);
            lookups.AddRange(walk.Lookups);
            if (walk.End == WalkEnd.Found)
            {
                var askable = Askable(server, walk.Servers, scope.UserSupplied, lookups);
                List<IPAddress> v4 = walk.Answer is { } answer
                    ? [.. answer.Answers.ARecords().Select(record => record.Address)]
                    : await AskAddressesAsync(server, QueryType.A, askable, scope.Budget, lookups, deadline).ConfigureAwait(false);
                var v6 = await AskAddressesAsync(server, QueryType.AAAA, askable, scope.Budget, lookups, deadline).ConfigureAwait(false);
                var addresses = DnsNames.Interleave(v4.Concat(v6).Distinct(), address => address, DelegationLimits.MaxAddressesPerFamily);
                if (addresses.Count > 0)
                {
                    return ([.. addresses.Select(address => new ServerAddress(server, address))], lookups);
                }
            }
        }

        // The resolvers as a last resort: they may fail in an outage, but a glue-less server is often outside it.
        var resolved = await Task.WhenAll(_resolvers.Resolvers.Select(resolver => ResolveAsync(resolver, zone, server, scope.Budget, deadline))).ConfigureAwait(false);
        lookups.AddRange(resolved);
        var fromResolvers = DnsNames.Interleave(resolved.SelectMany(result => result.Addresses).Distinct(), address => address, DelegationLimits.MaxAddressesPerFamily);
        return ([.. fromResolvers.Select(address => new ServerAddress(server, address))], lookups);
    }

    /// <summary>A resolver lookup costs an A and an AAAA query at each of the resolver's servers it may try.</summary>
    private Task<ProbeResult> ResolveAsync(DnsResolver resolver, string zone, string server, QueryBudget budget, CancellationToken deadline) =>
        budget.TryTake(2 * resolver.Servers.Count)
            ? _resolverProbe.ProbeAsync(resolver, zone, server, deadline)
            : Task.FromResult(ProbeResult.Skip(zone, ProbeKind.Dns, resolver.Label, $"{server}: {budget.NotAsked}"));

    private async Task<List<IPAddress>> AskAddressesAsync(
        string server, QueryType type, IReadOnlyList<ServerAddress> servers, QueryBudget budget, List<ProbeResult> lookups, CancellationToken deadline)
    {
        var answer = await _query.AskAsync(server, type, servers, response => response.Header.HasAuthorityAnswer, budget, deadline).ConfigureAwait(false);
        lookups.AddRange(answer.Probes);
        return answer.Response is { } response ? [.. response.Answers.OfType<AddressRecord>().Select(record => record.Address)] : [];
    }

    /// <summary>What one walk, with every walk nested in it, shares: whose name it is, its limits and what is left of its budget.</summary>
    private sealed record Scope(bool UserSupplied, WalkLimits Limits, QueryBudget Budget);
}
