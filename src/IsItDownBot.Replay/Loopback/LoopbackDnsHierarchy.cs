using System.Net;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// A small DNS tree on loopback: a root server, a server for the <c>test.</c> TLD and the zones' name
/// servers, each on its own 127.0.0.x address, all on one port (glue carries no ports, so the bot asks
/// every hop on <c>IsItDown:Dns:AuthoritativePort</c>).
/// </summary>
public sealed class LoopbackDnsHierarchy : IAsyncDisposable
{
    public const string TopLevelDomain = "test";

    // Addresses reserved from the first one: the root, the TLD and the zones' servers of one test.
    private const int BlockSize = 24;

    private readonly List<LoopbackDnsServer> _servers = [];
    private readonly IPAddress[] _block;
    private int _next;

    private LoopbackDnsHierarchy(IPAddress[] block, int port)
    {
        _block = block;
        Port = port;
    }

    public int Port { get; }

    public LoopbackDnsServer Root { get; private set; } = null!;

    /// <summary>The server of the <c>test.</c> zone, named a.nic.test.</summary>
    public LoopbackDnsServer TopLevel { get; private set; } = null!;

    /// <param name="firstOctet">127.0.0.<paramref name="firstOctet"/> is the root; the next addresses follow.</param>
    public static async Task<LoopbackDnsHierarchy> StartAsync(int firstOctet = 100)
    {
        var block = Enumerable.Range(firstOctet, BlockSize).Select(LoopbackPorts.Address).ToArray();
        var hierarchy = new LoopbackDnsHierarchy(block, LoopbackPorts.FindFreePort(block));
        try
        {
            hierarchy.Root = await hierarchy.StartServerAsync();
            hierarchy.TopLevel = await hierarchy.StartServerAsync();
            var nic = ("a.nic." + TopLevelDomain, hierarchy.TopLevel.EndPoint.Address);
            hierarchy.TopLevel.AddNameServers(TopLevelDomain, nic);
            hierarchy.Root.AddDelegation(TopLevelDomain, nic);
            return hierarchy;
        }
        catch
        {
            await hierarchy.DisposeAsync();
            throw;
        }
    }

    /// <summary>An authoritative server, knowing no zone yet, on the next address of the block.</summary>
    public async Task<LoopbackDnsServer> StartServerAsync()
    {
        if (_next >= _block.Length)
            throw new InvalidOperationException($"A hierarchy has {BlockSize} addresses; this test needs more.");

        var server = await LoopbackDnsServer.StartAsync(_block[_next++], Port);
        server.Authoritative = true;
        _servers.Add(server);
        return server;
    }

    /// <summary>
    /// A zone under <c>test.</c> served by <paramref name="count"/> servers, ns1.{zone} and on, each knowing
    /// all of them; the TLD delegates the zone to them, with glue.
    /// </summary>
    public async Task<LoopbackDnsServer[]> AddZoneAsync(string zone, int count = 2)
    {
        var servers = new LoopbackDnsServer[count];
        for (var i = 0; i < count; i++)
            servers[i] = await StartServerAsync();

        var records = servers.Select((server, i) => ($"ns{i + 1}.{zone}", server.EndPoint.Address)).ToArray();
        foreach (var server in servers)
            server.AddNameServers(zone, records);

        TopLevel.AddDelegation(zone, [.. records.Select(record => (record.Item1, (IPAddress?)record.Address))]);
        return servers;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
            await server.DisposeAsync();
    }
}
