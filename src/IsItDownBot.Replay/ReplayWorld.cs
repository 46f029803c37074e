using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Replay.Loopback;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Replay;

/// <summary>
/// The internet of a replay, on loopback only: three recursive resolvers, a DNS tree from a root through the
/// <c>test.</c> TLD to each service's zone, the services' HTTPS servers with certificates from a throw-away CA,
/// status pages, a looking glass for routing data, and a control host. It writes the bot's configuration,
/// which names these servers and nothing else.
/// </summary>
public sealed class ReplayWorld : IAsyncDisposable
{
    public const string ControlHost = "control.test";

    // Probes answer in milliseconds on loopback; these only bound what a silent server costs, so that a whole
    // replay takes seconds, while leaving a busy machine (or a busy process: a replay run inside a test run
    // shares its thread pool) room for a slow answer. No scenario is about slowness, so a probe is called slow
    // only when it times out: a story must not change with the load of the machine that tells it.
    private static readonly TimeSpan DnsTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    // Certificates are dated in the scenario's time, not today's: the bot checks them against the scenario clock.
    private static readonly TimeSpan CertificateAge = TimeSpan.FromDays(30);
    private static readonly TimeSpan CertificateLife = TimeSpan.FromDays(90);

    private readonly List<IAsyncDisposable> _servers = [];
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ServiceEdge> _edges = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, ReplayZone> _zones = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, SimulatedStatusPage> _statusPages = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<ReplayResolver> _resolvers = [];

    private ReplayWorld(ScenarioClock clock)
    {
        Clock = clock;
    }

    public static IPAddress Address { get; } = IPAddress.Loopback;

    public ScenarioClock Clock { get; }

    public ThrowawayCertificateAuthority Authority { get; } = new("IsItDownBot Replay Root CA");

    public IReadOnlyList<ReplayResolver> Resolvers => _resolvers;

    /// <summary>The root, the <c>test.</c> TLD and the zones' name servers: where the bot finds name servers.</summary>
    public LoopbackDnsHierarchy Dns { get; private set; } = null!;

    /// <summary>The routing source: every address announced until a step withdraws it.</summary>
    public SimulatedLookingGlass LookingGlass { get; } = new();

    /// <summary>The bot's configuration: flat keys for an in-memory provider, loopback destinations only.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    /// <summary>Starts the world's fixed parts, its clock at <paramref name="start"/>.</summary>
    public static async Task<ReplayWorld> StartAsync(DateTimeOffset start)
    {
        var world = new ReplayWorld(new ScenarioClock(start));
        try
        {
            await world.StartFixedPartsAsync().ConfigureAwait(false);
            return world;
        }
        catch
        {
            await world.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ReplayResolver Resolver(string name) =>
        _resolvers.FirstOrDefault(resolver => resolver.Name == name) ?? throw new ArgumentException($"No resolver named '{name}'.", nameof(name));

    public ServiceEdge Edge(string serviceId) =>
        _edges.TryGetValue(serviceId, out var edge) ? edge : throw new ArgumentException($"No service '{serviceId}'.", nameof(serviceId));

    public ReplayZone Zone(string zone) =>
        _zones.TryGetValue(zone, out var found) ? found : throw new ArgumentException($"No zone '{zone}'.", nameof(zone));

    public SimulatedStatusPage StatusPage(string serviceId) =>
        _statusPages.TryGetValue(serviceId, out var page) ? page : throw new ArgumentException($"{serviceId} has no status page.", nameof(serviceId));

    /// <summary>Every resolver behaves this way for the zone and the names under it.</summary>
    public void SetResolverBehaviour(string zone, DnsBehaviour behaviour)
    {
        foreach (var resolver in _resolvers)
            resolver.Server.SetBehaviour(zone, behaviour);
    }

    /// <summary>Names a group of services, as the catalog does ("meta": "Meta").</summary>
    public void NameGroup(string id, string name) => _settings[$"IsItDown:Groups:{id}"] = name;

    /// <summary>
    /// A catalog service in zone <c>{id}.test</c>, served by one HTTPS server for all its <paramref name="hosts"/>
    /// (labels such as "www", or full names), with the zone delegated from the TLD to two name servers of its own.
    /// </summary>
    public async Task<ServiceEdge> AddServiceAsync(string id, string name, string? group, params string[] hosts)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        var zone = $"{id}.test";
        var names = hosts.Select(host => host.Contains('.', StringComparison.Ordinal) ? host : $"{host}.{zone}").ToList();
        var edge = new ServiceEdge(id, names);
        edge.Server = await StartHttpsAsync(names, edge.HandleAsync).ConfigureAwait(false);
        _edges[id] = edge;

        var nameServers = await Dns.AddZoneAsync(zone).ConfigureAwait(false);
        foreach (var host in names)
        {
            foreach (var server in nameServers)
                server.AddAddresses(host, Address);
        }

        _zones[zone] = new ReplayZone(zone, nameServers);
        var key = $"IsItDown:Services:{id}";
        _settings[$"{key}:Name"] = name;
        _settings[$"{key}:Zone"] = zone;
        _settings[$"{key}:Group"] = group;
        for (var i = 0; i < names.Count; i++)
            _settings[$"{key}:Endpoints:{i}"] = edge.Server.UriFor(names[i]).ToString();

        return edge;
    }

    /// <summary>An operational Statuspage-style page for the service.</summary>
    public async Task<SimulatedStatusPage> AddStatusPageAsync(string serviceId)
    {
        var page = new SimulatedStatusPage();
        var server = await StartEvidenceSourceAsync(page.HandleAsync).ConfigureAwait(false);
        _statusPages[serviceId] = page;
        _settings[$"IsItDown:Services:{serviceId}:StatusPage"] = server.UriFor(Address.ToString()).ToString();
        return page;
    }

    /// <summary>A certificate for <paramref name="hosts"/> from the world's CA, valid between the given times.</summary>
    public X509Certificate2 IssueCertificate(DateTimeOffset notBefore, DateTimeOffset notAfter, params string[] hosts) =>
        Authority.Issue(hosts, notBefore, notAfter);

    /// <summary>A certificate valid from a month before the scenario's present to three months after it.</summary>
    public X509Certificate2 IssueValidCertificate(params string[] hosts)
    {
        var now = Clock.GetUtcNow();
        return IssueCertificate(now - CertificateAge, now + CertificateLife, hosts);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
            await server.DisposeAsync().ConfigureAwait(false);

        Authority.Dispose();
    }

    private async Task StartFixedPartsAsync()
    {
        foreach (var name in new[] { "resolver eu", "resolver us", "resolver asia" })
        {
            var server = Own(await LoopbackDnsServer.StartAsync(Address).ConfigureAwait(false));
            _settings[$"IsItDown:Dns:Resolvers:{_resolvers.Count}"] = server.ResolverSpec;
            _resolvers.Add(new ReplayResolver(name, server));
        }

        Dns = Own(await LoopbackDnsHierarchy.StartAsync().ConfigureAwait(false));
        _settings["IsItDown:Dns:RootServers:0"] = Dns.Root.EndPoint.Address.ToString();
        _settings["IsItDown:Dns:AuthoritativePort"] = Dns.Port.ToString(CultureInfo.InvariantCulture);
        _settings["IsItDown:Dns:Timeout"] = DnsTimeout.ToString("c", CultureInfo.InvariantCulture);
        _settings["IsItDown:Probes:Timeout"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture);
        _settings["IsItDown:Probes:SlowAfter"] = ProbeTimeout.ToString("c", CultureInfo.InvariantCulture);
        _settings["IsItDown:Probes:TrustedCaFile"] = Authority.RootPemPath;

        var control = await StartHttpsAsync([ControlHost], context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            return Task.CompletedTask;
        }).ConfigureAwait(false);
        _settings["IsItDown:ControlHosts:0"] = control.UriFor(ControlHost).ToString();

        // Never the real RIPEstat: the world's own looking glass, which may be asked about loopback addresses.
        var routing = await StartEvidenceSourceAsync(LookingGlass.HandleAsync).ConfigureAwait(false);
        _settings["IsItDown:Routing:LookingGlassUrl"] = new Uri(routing.UriFor(Address.ToString()), "data.json").ToString();
        _settings["IsItDown:Routing:IncludeNonPublicAddresses"] = "true";
    }

    /// <summary>An HTTPS server for the hosts, which every resolver answers with its address.</summary>
    private async Task<LoopbackHttpsServer> StartHttpsAsync(IReadOnlyList<string> hosts, RequestDelegate handler)
    {
        var server = Own(await LoopbackHttpsServer.StartAsync(Address, IssueValidCertificate([.. hosts]), handler).ConfigureAwait(false));
        foreach (var host in hosts)
        {
            foreach (var resolver in _resolvers)
                resolver.Server.AddAddresses(host, Address);
        }

        return server;
    }

    /// <summary>
    /// A source of evidence (status page, routing data), named by its address: the bot fetches evidence through
    /// the system's resolver, not through the resolvers it probes with, and a name would leave the machine.
    /// </summary>
    private async Task<LoopbackHttpsServer> StartEvidenceSourceAsync(RequestDelegate handler)
    {
        var now = Clock.GetUtcNow();
        var certificate = Authority.Issue([], now - CertificateAge, now + CertificateLife, Address);
        return Own(await LoopbackHttpsServer.StartAsync(Address, certificate, handler).ConfigureAwait(false));
    }

    private T Own<T>(T server)
        where T : IAsyncDisposable
    {
        _servers.Add(server);
        return server;
    }
}
