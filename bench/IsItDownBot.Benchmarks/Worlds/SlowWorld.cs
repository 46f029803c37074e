using System.Globalization;
using System.Net;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Benchmarks.Worlds;

/// <summary>
/// A loopback internet for the benchmarks: the test suite's <see cref="LoopbackWorld"/> (resolvers, a throw-away
/// CA, a control host, a simulated looking glass) plus a root and <c>test.</c> TLD that delegate every service's
/// zone to two name servers, and one HTTPS server per service whose endpoints answer after a delay.
/// </summary>
internal sealed class SlowWorld : IAsyncDisposable
{
    private readonly List<LoopbackHttpsServer> _servers = [];

    private SlowWorld(LoopbackWorld world) => World = world;

    public LoopbackWorld World { get; }

    /// <summary>Every endpoint, as (host, port), for the curl baseline.</summary>
    public List<(string Host, int Port)> Endpoints { get; } = [];

    /// <summary>Requests the services' endpoints have received, all servers together.</summary>
    public int EndpointRequests => _servers.Sum(server => server.RequestCount);

    /// <summary>Queries the resolvers have received.</summary>
    public int ResolverQueries => World.Resolvers.Sum(resolver => resolver.QueryCount);

    /// <param name="keepGroups">False gives every service no group: a question about one then probes only it.</param>
    public static async Task<SlowWorld> StartAsync(IReadOnlyList<ServiceShape> shapes, RequestDelegate handler, bool keepGroups = true)
    {
        var slow = new SlowWorld(await LoopbackWorld.StartAsync());
        try
        {
            await slow.AddServicesAsync(shapes, handler, keepGroups);
            return slow;
        }
        catch
        {
            await slow.DisposeAsync();
            throw;
        }
    }

    /// <summary>Endpoints that answer 200 after <paramref name="delay"/>.</summary>
    public static RequestDelegate AnswerAfter(TimeSpan delay) => LoopbackHttpsServer.RespondAfter(delay, 200);

    public IDictionary<string, string?> Settings => World.Settings;

    public ValueTask DisposeAsync() => World.DisposeAsync();

    private async Task AddServicesAsync(IReadOnlyList<ServiceShape> shapes, RequestDelegate handler, bool keepGroups)
    {
        var hierarchy = await World.StartDnsHierarchyAsync();
        var nameServers = new[] { await hierarchy.StartServerAsync(), await hierarchy.StartServerAsync() };
        foreach (var (group, name) in ServiceShape.ShippedGroups())
        {
            World.Settings[$"IsItDown:Groups:{group}"] = name;
        }

        foreach (var shape in shapes)
        {
            var zone = $"{shape.Id}.{LoopbackDnsHierarchy.TopLevelDomain}";
            var records = nameServers.Select((server, i) => ($"ns{i + 1}.{zone}", server.EndPoint.Address)).ToArray();
            foreach (var nameServer in nameServers)
            {
                nameServer.AddNameServers(zone, records);
            }

            hierarchy.TopLevel.AddDelegation(zone, [.. records.Select(record => (record.Item1, (IPAddress?)record.Address))]);

            // One server per service, its certificate naming every endpoint host, as a CDN edge would.
            var hosts = Enumerable.Range(1, shape.Endpoints).Select(i => string.Create(CultureInfo.InvariantCulture, $"e{i}.{zone}")).ToArray();
            var web = World.Own(await LoopbackHttpsServer.StartAsync(LoopbackWorld.Address, World.Authority.IssueValid(hosts), handler));
            _servers.Add(web);
            foreach (var host in hosts)
            {
                World.Resolve(host, LoopbackWorld.Address);
                foreach (var nameServer in nameServers)
                {
                    nameServer.AddAddresses(host, LoopbackWorld.Address);
                }

                Endpoints.Add((host, web.Port));
            }

            World.AddService(shape.Id, shape.Name, zone, keepGroups ? shape.Group : null, [.. hosts.Select(web.UriFor)]);
        }
    }
}
