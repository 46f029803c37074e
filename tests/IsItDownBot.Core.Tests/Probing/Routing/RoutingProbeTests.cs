using System.Net;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Probing.Routing;

public sealed class RoutingProbeTests
{
    // Public addresses used as data only: the probe sends them to the fake looking glass, never anywhere else.
    private static readonly IPAddress FacebookNs1 = IPAddress.Parse("129.134.30.12");
    private static readonly IPAddress FacebookNs3 = IPAddress.Parse("185.89.218.12");
    private static readonly IPAddress FacebookWww = IPAddress.Parse("157.240.1.35");
    private static readonly IPAddress FacebookV6 = IPAddress.Parse("2a03:2880:f0fc:c:face:b00c:0:35");

    [Fact]
    public async Task Check_WhenCollectorsSeeTheAddress_ReportsItAnnounced()
    {
        var glass = new SimulatedLookingGlass { Collectors = 3, PeersPerCollector = 4 };
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([FacebookNs1], deadline.Token));

        Assert.Equal(FacebookNs1, route.Address);
        Assert.Equal(RouteState.Announced, route.State);
        Assert.Equal("129.134.30.0/24", route.Prefix);
        Assert.Equal(3, route.Collectors);
        Assert.Equal(12, route.Peers);
        Assert.Equal("129.134.30.0/24 seen by 12 peers at 3 route collectors", route.Detail);
    }

    [Fact]
    public async Task Check_WhenThePrefixIsWithdrawn_ReportsOnlyItsAddressesWithdrawn()
    {
        var glass = new SimulatedLookingGlass();
        glass.Withdraw("129.134.30.0/23");
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var routes = await Probe(source).CheckAsync([FacebookNs1, FacebookNs3], deadline.Token);

        Assert.Equal([FacebookNs1, FacebookNs3], routes.Select(route => route.Address));
        Assert.Equal(RouteState.Withdrawn, routes[0].State);
        Assert.Null(routes[0].Prefix);
        Assert.Equal(0, routes[0].Peers);
        Assert.Contains("no route collector sees a route to 129.134.30.12", routes[0].Detail, StringComparison.Ordinal);
        Assert.Equal(RouteState.Announced, routes[1].State);
    }

    [Fact]
    public async Task Check_ForAnIpv6Address_AsksForItAndReadsItsPrefix()
    {
        var glass = new SimulatedLookingGlass();
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([FacebookV6], deadline.Token));

        Assert.Equal(RouteState.Announced, route.State);
        Assert.Equal("2a03:2880:f0fc::/48", route.Prefix);
        Assert.Equal([FacebookV6.ToString()], glass.Resources);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    [InlineData(404)]
    public async Task Check_WhenTheSourceAnswersAnError_ReportsUnknownNotWithdrawn(int status)
    {
        var glass = new SimulatedLookingGlass { Status = status };
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([FacebookNs1], deadline.Token));

        Assert.Equal(RouteState.Unknown, route.State);
        Assert.Equal($"RIPEstat answered {status}", route.Detail);
    }

    [Fact]
    public async Task Check_WhenTheAnswerIsNotJson_ReportsUnknown()
    {
        var glass = new SimulatedLookingGlass { Garbage = true };
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([FacebookNs1], deadline.Token));

        Assert.Equal(RouteState.Unknown, route.State);
        Assert.Equal("RIPEstat's answer was not understood", route.Detail);
    }

    [Theory]
    [InlineData("""{"status": "error", "status_code": 500, "data": {"rrcs": []}}""")]
    [InlineData("""{"status": "ok", "data": {}}""")]
    [InlineData("""{"status": "ok", "data": {"rrcs": {"RRC00": []}}}""")]
    [InlineData("""[1, 2, 3]""")]
    public async Task Check_WhenTheJsonIsNotALookingGlassAnswer_ReportsUnknownNotWithdrawn(string body)
    {
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        });
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([FacebookNs1], deadline.Token));

        Assert.Equal(RouteState.Unknown, route.State);
    }

    [Fact]
    public async Task Check_WhenTheSourceDoesNotAnswerBeforeTheDeadline_ReportsUnknown()
    {
        var glass = new SimulatedLookingGlass { Delay = Timeout.InfiniteTimeSpan };
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.ShortDeadline();

        var routes = await Probe(source).CheckAsync([FacebookNs1, FacebookNs3], deadline.Token);

        Assert.All(routes, route => Assert.Equal(RouteState.Unknown, route.State));
        Assert.All(routes, route => Assert.Contains("deadline", route.Detail, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WhenAnAddressRepeats_AsksOncePerAddress()
    {
        var glass = new SimulatedLookingGlass();
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var routes = await Probe(source).CheckAsync([FacebookNs1, FacebookNs3, FacebookNs1, FacebookNs1.MapToIPv6()], deadline.Token);

        Assert.Equal([FacebookNs1, FacebookNs3], routes.Select(route => route.Address));
        Assert.Equal(["129.134.30.12", "185.89.218.12"], glass.Resources.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Check_WithMoreAddressesThanTheCap_AsksOnlyTheFirstOnes()
    {
        var glass = new SimulatedLookingGlass();
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var routes = await Probe(source, maxAddresses: 2).CheckAsync([FacebookNs1, FacebookNs3, FacebookWww], deadline.Token);

        Assert.Equal([FacebookNs1, FacebookNs3], routes.Select(route => route.Address));
        Assert.Equal(2, glass.Resources.Count);
    }

    [Fact]
    public async Task Check_ForAPrivateAddress_SendsNothingAndReportsUnknown()
    {
        var glass = new SimulatedLookingGlass();
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var route = Assert.Single(await Probe(source).CheckAsync([IPAddress.Parse("10.1.2.3")], deadline.Token));

        Assert.Equal(RouteState.Unknown, route.State);
        Assert.Empty(glass.Resources);
    }

    [Fact]
    public async Task Check_WhenSwitchedOff_SendsNothingAndReportsNothing()
    {
        var glass = new SimulatedLookingGlass();
        await using var source = await EvidenceSource.StartAsync(glass.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var routes = await Probe(source, enabled: false).CheckAsync([FacebookNs1], deadline.Token);

        Assert.Empty(routes);
        Assert.Empty(glass.Resources);
    }

    [Fact]
    public async Task Check_IdentifiesItselfToTheSourceAndKeepsTheConfiguredQuery()
    {
        var glass = new SimulatedLookingGlass();
        QueryString? query = null;
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            query = context.Request.QueryString;
            return glass.HandleAsync(context);
        });
        using var deadline = EvidenceSource.Deadline();
        var url = new Uri(source.Root, "data/looking-glass/data.json?look_back_limit=3600");

        var route = Assert.Single(await Probe(source, url: url).CheckAsync([FacebookV6], deadline.Token));

        Assert.Equal(RouteState.Announced, route.State);
        Assert.Equal("?look_back_limit=3600&resource=2a03%3A2880%3Af0fc%3Ac%3Aface%3Ab00c%3A0%3A35&sourceapp=isitdownbot", query?.Value);
    }

    private static RoutingProbe Probe(EvidenceSource source, int maxAddresses = RoutingOptions.DefaultMaxAddresses, bool enabled = true, Uri? url = null) =>
        new(source.Client,
            Options.Create(new RoutingOptions
            {
                Enabled = enabled,
                LookingGlassUrl = (url ?? new Uri(source.Root, "data/looking-glass/data.json")).ToString(),
                MaxAddresses = maxAddresses,
            }),
            TimeProvider.System);
}
