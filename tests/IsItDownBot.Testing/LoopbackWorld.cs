using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Testing;

/// <summary>
/// A small internet on loopback for one test: two resolvers, a certificate authority the bot is told to
/// trust, a healthy control host, and whatever services the test adds. It produces the bot's configuration
/// (flat keys for an in-memory provider, or a JSON file for the executable) pointing only at itself.
/// </summary>
public sealed class LoopbackWorld : IAsyncDisposable
{
    public const string ControlHost = "control.test";

    private static readonly JsonDocumentOptions ShippedFileOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    private readonly List<IAsyncDisposable> _servers = [];
    private readonly Dictionary<string, string?> _settings = new(StringComparer.OrdinalIgnoreCase);

    private LoopbackWorld(LoopbackDnsServer resolverA, LoopbackDnsServer resolverB, ThrowawayCertificateAuthority authority)
    {
        ResolverA = resolverA;
        ResolverB = resolverB;
        Authority = authority;
        _servers.Add(resolverA);
        _servers.Add(resolverB);
    }

    /// <summary>Where every server of this world listens; each gets its own port.</summary>
    public static IPAddress Address { get; } = IPAddress.Loopback;

    public LoopbackDnsServer ResolverA { get; }

    public LoopbackDnsServer ResolverB { get; }

    public LoopbackDnsServer[] Resolvers => [ResolverA, ResolverB];

    public ThrowawayCertificateAuthority Authority { get; }

    /// <summary>The routing data source the bot asks: every address announced until the test withdraws it.</summary>
    public SimulatedLookingGlass LookingGlass { get; } = new();

    /// <summary>The configuration: override any key before building the bot.</summary>
    public IDictionary<string, string?> Settings => _settings;

    public static async Task<LoopbackWorld> StartAsync()
    {
        var world = new LoopbackWorld(
            await LoopbackDnsServer.StartAsync(Address),
            await LoopbackDnsServer.StartAsync(Address),
            new ThrowawayCertificateAuthority());
        world._settings["IsItDown:Dns:Resolvers:0"] = world.ResolverA.ResolverSpec;
        world._settings["IsItDown:Dns:Resolvers:1"] = world.ResolverB.ResolverSpec;
        // Generous: a first query on a cold, busy CI machine can take a while; tests of timeouts set their own.
        world._settings["IsItDown:Dns:Timeout"] = "00:00:02";
        world._settings["IsItDown:Probes:Timeout"] = "00:00:05";
        world._settings["IsItDown:Probes:TrustedCaFile"] = world.Authority.RootPemPath;
        world._settings["IsItDown:Cache:Ttl"] = "00:00:30";
        world._settings["Serilog:MinimumLevel:Default"] = "Fatal";

        var control = await world.StartHttpsAsync(ControlHost, LoopbackHttpsServer.Respond(200));
        world._settings["IsItDown:ControlHosts:0"] = control.UriFor(ControlHost).ToString();

        // Never the real RIPEstat: the world's own looking glass, which may be asked about loopback addresses.
        var routing = await world.StartEvidenceSourceAsync(world.LookingGlass.HandleAsync);
        world._settings["IsItDown:Routing:LookingGlassUrl"] = new Uri(routing, "data.json").ToString();
        world._settings["IsItDown:Routing:IncludeNonPublicAddresses"] = "true";
        return world;
    }

    /// <summary>Both resolvers answer <paramref name="host"/> with <paramref name="address"/>.</summary>
    public void Resolve(string host, IPAddress address)
    {
        foreach (var resolver in Resolvers)
        {
            resolver.AddAddresses(host, address);
        }
    }

    /// <summary>Both resolvers behave this way for the zone and every name under it.</summary>
    public void SetBehaviour(string zone, DnsBehaviour behaviour)
    {
        foreach (var resolver in Resolvers)
        {
            resolver.SetBehaviour(zone, behaviour);
        }
    }

    /// <summary>An HTTPS server for <paramref name="host"/>, resolvable by both resolvers, with a valid certificate unless one is given.</summary>
    public async Task<LoopbackHttpsServer> StartHttpsAsync(string host, RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var server = await LoopbackHttpsServer.StartAsync(Address, certificate ?? Authority.IssueValid(host), handler);
        _servers.Add(server);
        Resolve(host, Address);
        return server;
    }

    /// <summary>
    /// A source the bot fetches evidence from (a status page, routing data): reached like the real ones, by URL
    /// through the machine's resolver, so the URL names the loopback address itself, as its certificate does.
    /// </summary>
    public async Task<Uri> StartEvidenceSourceAsync(RequestDelegate handler)
    {
        var address = Address.ToString();
        var server = await LoopbackHttpsServer.StartAsync(Address, Authority.IssueValid(address), handler);
        _servers.Add(server);
        return server.UriFor(address);
    }

    /// <summary>
    /// A catalog service <paramref name="id"/> in zone <c>{id}.test</c> with one endpoint, <c>www.{id}.test</c>,
    /// served by a new HTTPS server.
    /// </summary>
    public async Task<LoopbackHttpsServer> StartServiceAsync(string id, string name, RequestDelegate handler, string? group = null, X509Certificate2? certificate = null)
    {
        var host = $"www.{id}.test";
        var server = await StartHttpsAsync(host, handler, certificate);
        AddService(id, name, $"{id}.test", group, server.UriFor(host));
        return server;
    }

    /// <summary>Keeps a server the test made itself alive until the world ends.</summary>
    public T Own<T>(T server)
        where T : IAsyncDisposable
    {
        _servers.Add(server);
        return server;
    }

    /// <summary>Adds a catalog service with these endpoints.</summary>
    public void AddService(string id, string name, string zone, string? group, params Uri[] endpoints)
    {
        var key = $"IsItDown:Services:{id}";
        _settings[$"{key}:Name"] = name;
        _settings[$"{key}:Zone"] = zone;
        _settings[$"{key}:Group"] = group;
        for (var i = 0; i < endpoints.Length; i++)
        {
            _settings[$"{key}:Endpoints:{i}"] = endpoints[i].ToString();
        }
    }

    /// <summary>Gives a service its name servers, all asked on <paramref name="port"/>.</summary>
    public void AddNameServers(string id, int port, params (string Name, IPAddress Address)[] servers)
    {
        _settings["IsItDown:Dns:AuthoritativePort"] = port.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < servers.Length; i++)
        {
            _settings[$"IsItDown:Services:{id}:NameServers:{i}:Name"] = servers[i].Name;
            _settings[$"IsItDown:Services:{id}:NameServers:{i}:Address"] = servers[i].Address.ToString();
        }
    }

    /// <summary>
    /// Starts a DNS tree (root, <c>test.</c> TLD, zones added by the test) on 127.0.0.<paramref name="firstOctet"/>
    /// and the addresses after it, and points <c>IsItDown:Dns:RootServers</c> and <c>AuthoritativePort</c> at it.
    /// </summary>
    public async Task<LoopbackDnsHierarchy> StartDnsHierarchyAsync(int firstOctet = 100)
    {
        var hierarchy = Own(await LoopbackDnsHierarchy.StartAsync(firstOctet));
        _settings["IsItDown:Dns:RootServers:0"] = hierarchy.Root.EndPoint.Address.ToString();
        _settings["IsItDown:Dns:AuthoritativePort"] = hierarchy.Port.ToString(CultureInfo.InvariantCulture);
        return hierarchy;
    }

    /// <summary>
    /// The settings as a JSON configuration file's content (numbered keys bind as lists), for the executable's
    /// --config, which is layered over the shipped appsettings.json.
    /// </summary>
    public JsonObject ToJson()
    {
        var root = new JsonObject();
        foreach (var (key, value) in _settings.Where(pair => pair.Value is not null))
        {
            var node = root;
            var parts = key.Split(':');
            foreach (var part in parts[..^1])
            {
                node = node[part] as JsonObject ?? (JsonObject)(node[part] = new JsonObject());
            }

            node[parts[^1]] = value;
        }

        // The executable layers this file over the shipped one, whose destinations are real: the world must stand
        // alone. Without root servers of its own it empties the shipped list, so that no walk to a delegation leaves
        // loopback; and it takes the shipped catalog out (its name servers and status pages are real addresses).
        var isItDown = (JsonObject)root["IsItDown"]!;
        var dns = (JsonObject)isItDown["Dns"]!;
        dns["RootServers"] ??= new JsonArray();
        var services = isItDown["Services"] as JsonObject ?? (JsonObject)(isItDown["Services"] = new JsonObject());
        foreach (var (id, shipped) in ShippedServices())
        {
            if (services[id] is not JsonObject own)
            {
                services[id] = null;
                continue;
            }

            // A service the world redefines keeps nothing of the shipped entry but what the world sets.
            foreach (var (property, _) in shipped)
            {
                if (!own.ContainsKey(property))
                {
                    own[property] = null;
                }
            }
        }

        return root;
    }

    /// <summary>
    /// The catalog of the appsettings.json shipped beside the executable these tests run (copied into the test's
    /// output with the executable); none when the test has no executable beside it.
    /// </summary>
    private static IEnumerable<KeyValuePair<string, JsonObject>> ShippedServices()
    {
        var shipped = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        if (!File.Exists(shipped) || JsonNode.Parse(File.ReadAllText(shipped), documentOptions: ShippedFileOptions)?["IsItDown"]?["Services"] is not JsonObject services)
        {
            return [];
        }

        return services.Where(pair => pair.Value is JsonObject).Select(pair => KeyValuePair.Create(pair.Key, (JsonObject)pair.Value!)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var server in Enumerable.Reverse(_servers))
        {
            await server.DisposeAsync();
        }

        Authority.Dispose();
    }
}
