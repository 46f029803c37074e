using System.Net;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Tests.Checking.Loopback;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Core.Tests.Probing.Delegation;

/// <summary>
/// A hostile delegation on loopback: evil0.test names seven glue-less servers in evil1.test, whose delegation
/// names seven in evil2.test, and so on. Followed in full, one question would become thousands of queries.
/// </summary>
public sealed class DelegationBudgetTests
{
    private const int ChainLength = 4;
    private const int GluelessPerZone = DelegationLimits.MaxServers - 1;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Walk_WithAUsersLimits_ThroughAChainOfGluelessDelegations_StaysWithinTheBudgetAndStillFindsTheZone()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 220);
        var glued = await StartHostileChainAsync(dns);
        await using var provider = LoopbackBot.Build(world);
        using var round = new CancellationTokenSource(Deadline);

        // A user's limits, with the address policy of a catalog zone: the fake servers all live on loopback.
        var walk = await provider.GetRequiredService<DelegationWalker>().WalkAsync("evil0.test", userSupplied: false, WalkLimits.User, round.Token);

        Assert.InRange(QueriesReceived(world, dns, glued), 1, WalkLimits.User.Queries);
        Assert.Equal(WalkEnd.Found, walk.End);
        Assert.Equal("evil0.test", walk.Zone);
        Assert.Contains(walk.Servers, server => server.Name == "ns1.evil0.test" && server.Address.Equals(glued.EndPoint.Address));

        // Two glue-less servers of each referral looked up (evil0's and, in the nested walks, evil1's), the others
        // said to be left out; and no walk nested below the first, so evil2's servers were asked of the resolvers only.
        Assert.Equal(
            [.. Enumerable.Range(WalkLimits.User.GluelessLookups + 1, GluelessPerZone - WalkLimits.User.GluelessLookups)
                .SelectMany(i => new[] { $"ns{i}.evil1.test", $"ns{i}.evil2.test" })
                .Order(StringComparer.Ordinal)],
            walk.Lookups
                .Where(probe => probe.Outcome == ProbeOutcome.Skipped && probe.Detail.StartsWith("not looked up", StringComparison.Ordinal))
                .Select(probe => probe.Target)
                .Distinct()
                .Order(StringComparer.Ordinal));
        Assert.Contains("ns1.evil1.test A", dns.Root.QueriedNames);
        Assert.DoesNotContain(dns.Root.QueriedNames, name => name.Contains("evil2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Probe_ForACatalogZoneBehindAChainOfGluelessDelegations_StopsAtTheBudgetAndStillChecksTheZone()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 220);
        var glued = await StartHostileChainAsync(dns);
        await using var provider = LoopbackBot.Build(world);
        using var round = new CancellationTokenSource(Deadline);

        var evidence = await provider.GetRequiredService<DelegationProber>().ProbeAsync(
            new ServiceDefinition("evil0", "Evil", [], null, "evil0.test", [new Uri("https://www.evil0.test/")], []), round.Token);

        // Every SOA check is one query to the glued server; everything else the walk sent.
        Assert.InRange(QueriesReceived(world, dns, glued) - evidence.Checks.Count, 1, WalkLimits.Catalog.Queries);
        Assert.Equal(DelegationStatus.Healthy, evidence.Status);
        Assert.Equal("evil0.test", evidence.Zone);
        Assert.Equal(DelegationLimits.MaxServers, evidence.NameServers.Count);
        Assert.Contains(evidence.ParentLookups, probe =>
            probe.Outcome == ProbeOutcome.Skipped && probe.Detail.EndsWith($"limit of {WalkLimits.Catalog.Queries} DNS queries was reached", StringComparison.Ordinal));
    }

    [Fact]
    public void QueryBudget_GivesOutNoMoreThanItsLimit_EvenToConcurrentWalks()
    {
        var budget = new QueryBudget(64);

        var taken = Enumerable.Range(0, 200).AsParallel().Count(_ => budget.TryTake());

        Assert.Equal(64, taken);
        Assert.Equal(0, budget.Remaining);
        Assert.False(budget.TryTake());
    }

    [Fact]
    public void QueryBudget_RefusesALookupItCannotPayInFull()
    {
        var budget = new QueryBudget(3);

        Assert.False(budget.TryTake(4));
        Assert.True(budget.TryTake(3));
    }

    /// <summary>evil0.test has one glued server that answers; its other servers, and every server of the zones below, have no glue.</summary>
    private static async Task<LoopbackDnsServer> StartHostileChainAsync(LoopbackDnsHierarchy dns)
    {
        var glued = (await dns.AddZoneAsync("evil0.test", count: 1))[0];
        for (var zone = 0; zone < ChainLength; zone++)
        {
            dns.TopLevel.AddDelegation($"evil{zone}.test", [.. Enumerable.Range(1, GluelessPerZone).Select(i => ($"ns{i}.evil{zone + 1}.test", (IPAddress?)null))]);
        }

        return glued;
    }

    private static int QueriesReceived(LoopbackWorld world, LoopbackDnsHierarchy dns, LoopbackDnsServer glued) =>
        dns.Root.QueryCount + dns.TopLevel.QueryCount + glued.QueryCount + world.ResolverA.QueryCount + world.ResolverB.QueryCount;
}
