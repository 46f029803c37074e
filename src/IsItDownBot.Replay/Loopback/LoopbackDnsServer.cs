using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// A DNS server on a loopback address, UDP and TCP, that plays a recursive resolver, a zone's
/// authoritative server or a parent zone's server handing out referrals, and can be told to fail in
/// the ways real ones fail.
/// </summary>
public sealed class LoopbackDnsServer : IAsyncDisposable
{
    private const int Ttl = 60;
    private const int MaxStartAttempts = 10;
    private const string WarmUpName = "warm-up.loopback-dns-server.invalid";
    private static readonly TimeSpan WarmUpTimeout = TimeSpan.FromSeconds(10);

    private readonly DnsServer _server;
    private readonly IServerTransport[] _transports;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<string, IPAddress[]> _addresses = new();
    private readonly ConcurrentDictionary<string, DnsBehaviour> _behaviours = new();
    private readonly ConcurrentDictionary<string, (string Name, IPAddress Address)[]> _nameServers = new();
    private readonly ConcurrentDictionary<string, (string Name, IPAddress? Address)[]> _delegations = new();
    private readonly ConcurrentDictionary<string, uint> _serials = new();
    private readonly List<string> _queriedNames = [];
    private int _queryCount;
    private int _udpQueryCount;
    private int _tcpQueryCount;

    private LoopbackDnsServer(DnsServer server, IServerTransport[] transports, IPEndPoint endPoint)
    {
        _server = server;
        _transports = transports;
        EndPoint = endPoint;
        _server.QueryReceived += OnQueryReceivedAsync;
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>"127.0.0.x:port", the format the configuration uses for a resolver.</summary>
    public string ResolverSpec => $"{EndPoint.Address}:{EndPoint.Port}";

    /// <summary>Set the AA flag on answers, as a zone's own name server does (a resolver does not, and
    /// neither does a lame server: leave it off on a zone server to make its delegation lame).</summary>
    public bool Authoritative { get; set; }

    /// <summary>What to do for names nobody configured.</summary>
    public DnsBehaviour DefaultBehaviour { get; set; } = DnsBehaviour.NxDomain;

    public int QueryCount => Volatile.Read(ref _queryCount);

    /// <summary>Queries received over UDP (warm-up excluded).</summary>
    public int UdpQueryCount => Volatile.Read(ref _udpQueryCount);

    /// <summary>Queries received over TCP (warm-up excluded).</summary>
    public int TcpQueryCount => Volatile.Read(ref _tcpQueryCount);

    /// <summary>Snapshot of the questions received, as "name TYPE" (lower case, no trailing dot).</summary>
    public IReadOnlyList<string> QueriedNames
    {
        get
        {
            lock (_queriedNames)
                return [.. _queriedNames];
        }
    }

    /// <param name="port">0 picks a port free for both UDP and TCP on <paramref name="address"/>.</param>
    public static async Task<LoopbackDnsServer> StartAsync(IPAddress address, int port = 0)
    {
        var server = Bind(address, port);
        try
        {
            await server.WarmUpAsync().ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>A and AAAA answers for <paramref name="name"/>, by address family; a query for the
    /// other family gets NOERROR with no records. Adds to addresses already given.</summary>
    public void AddAddresses(string name, params IPAddress[] addresses) =>
        _addresses.AddOrUpdate(Normalize(name), addresses, (_, existing) => [.. existing, .. addresses]);

    /// <summary>Applies to the zone and every name under it, overriding configured records; the most
    /// specific zone wins, so <see cref="DnsBehaviour.Answer"/> on a child undoes a failing parent.</summary>
    public void SetBehaviour(string zone, DnsBehaviour behaviour) => _behaviours[Normalize(zone)] = behaviour;

    /// <summary>Answers NS queries for the zone, with glue in the additional section; the servers'
    /// own names answer A/AAAA queries too, and the zone answers SOA queries.</summary>
    public void AddNameServers(string zone, params (string Name, IPAddress Address)[] servers)
    {
        _nameServers.AddOrUpdate(Normalize(zone), servers, (_, existing) => [.. existing, .. servers]);
        foreach (var server in servers)
            AddAddresses(server.Name, server.Address);
    }

    /// <summary>
    /// Plays the parent of <paramref name="childZone"/>: every query for it or a name under it gets a referral
    /// (NOERROR, no AA, the NS records in the authority section, glue A/AAAA for servers given an address in
    /// the additional section). The most specific delegation wins; a behaviour set with
    /// <see cref="SetBehaviour"/> overrides it.
    /// </summary>
    public void AddDelegation(string childZone, params (string Name, IPAddress? Address)[] servers) =>
        _delegations.AddOrUpdate(Normalize(childZone), servers, (_, existing) => [.. existing, .. servers]);

    /// <summary>The serial of the zone's SOA record (1 unless set).</summary>
    public void SetSerial(string zone, uint serial) => _serials[Normalize(zone)] = serial;

    public async ValueTask DisposeAsync()
    {
        // Stop first: it cancels the token the server sends with, so the silent queries released
        // below cannot answer on their way out.
        try
        {
            _server.Stop();
        }
        catch (AggregateException e) when (e.InnerExceptions.All(i => i is OperationCanceledException))
        {
            // ARSoft starts its listen loops with Task.Run(..., token); when stopped before the
            // thread pool got to them, Stop's Task.WaitAll throws and skips closing the transports.
        }
        finally
        {
            Release(_transports);
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private static LoopbackDnsServer Bind(IPAddress address, int port)
    {
        for (var attempt = 1; ; attempt++)
        {
            var endPoint = new IPEndPoint(address, port == 0 ? LoopbackPorts.FindFreePort(address) : port);
            var transports = new IServerTransport[] { new UdpServerTransport(endPoint), new TcpServerTransport(endPoint) };
            var server = new DnsServer(transports);
            try
            {
                server.Start();
                return new LoopbackDnsServer(server, transports, endPoint);
            }
            catch (SocketException) when (port == 0 && attempt < MaxStartAttempts)
            {
                // The free port was taken between the check and the bind; pick another one.
                Release(transports);
            }
            catch
            {
                Release(transports);
                throw;
            }
        }
    }

    // ARSoft starts its listen loops on the thread pool, which in a busy test run can take long
    // enough for a first query to time out; so StartAsync returns only once UDP and TCP both answer.
    private async Task WarmUpAsync()
    {
        using var timeout = new CancellationTokenSource(WarmUpTimeout);
        foreach (IClientTransport transport in new IClientTransport[] { new UdpClientTransport(EndPoint.Port), new TcpClientTransport(EndPoint.Port) })
        {
            var client = new ARSoft.Tools.Net.Dns.DnsClient([EndPoint.Address], [transport], true, (int)WarmUpTimeout.TotalMilliseconds);
            var answer = await client.ResolveAsync(DomainName.Parse(WarmUpName), RecordType.A, RecordClass.INet, null, timeout.Token).ConfigureAwait(false);
            if (answer?.ReturnCode != ReturnCode.NoError)
                throw new InvalidOperationException($"The DNS server on {EndPoint} did not answer its warm-up query over {transport.GetType().Name}.");
        }
    }

    private async Task OnQueryReceivedAsync(object sender, QueryReceivedEventArgs e)
    {
        if (e.Query is not DnsMessage query || query.Questions.Count == 0)
        {
            Interlocked.Increment(ref _queryCount);
            return; // ARSoft answers a null response with a failure response.
        }

        var question = query.Questions[0];
        var name = Normalize(question.Name.ToString());
        if (name == WarmUpName)
        {
            e.Response = query.CreateResponseInstance();
            return;
        }

        Interlocked.Increment(ref _queryCount);
        if (e.TransportProtocol == TransportProtocol.Tcp)
            Interlocked.Increment(ref _tcpQueryCount);
        else
            Interlocked.Increment(ref _udpQueryCount);
        lock (_queriedNames)
            _queriedNames.Add($"{name} {question.RecordType.ToString().ToUpperInvariant()}");

        var explicitBehaviour = ExplicitBehaviourFor(name);
        if (explicitBehaviour is null && DelegationFor(name) is { } delegation)
        {
            e.Response = Referral(query, delegation.Zone, delegation.Servers);
            return;
        }

        var behaviour = explicitBehaviour ?? (_addresses.ContainsKey(name) || _nameServers.ContainsKey(name) ? DnsBehaviour.Answer : DefaultBehaviour);
        if (behaviour == DnsBehaviour.Silent)
        {
            try
            {
                await Task.Delay(Timeout.Infinite, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Disposed: the server is already stopped, so nothing goes out.
            }

            return;
        }

        var response = query.CreateResponseInstance();
        response.IsRecursionAllowed = !Authoritative;
        response.ReturnCode = behaviour switch
        {
            DnsBehaviour.NxDomain => ReturnCode.NxDomain,
            DnsBehaviour.ServFail => ReturnCode.ServerFailure,
            DnsBehaviour.Refused => ReturnCode.Refused,
            _ => ReturnCode.NoError,
        };

        if (behaviour == DnsBehaviour.Answer)
            AddAnswers(response, question, name);

        if (response.ReturnCode is ReturnCode.NoError or ReturnCode.NxDomain)
        {
            response.IsAuthoritiveAnswer = Authoritative;

            // Negative answers from an authoritative server carry the zone's SOA (RFC 2308).
            if (Authoritative && response.AnswerRecords.Count == 0 && EnclosingZone(name) is { } zone)
                response.AuthorityRecords.Add(Soa(zone));
        }

        e.Response = response;
    }

    private DnsBehaviour? ExplicitBehaviourFor(string name)
    {
        for (var candidate = name; candidate is not null; candidate = Parent(candidate))
        {
            if (_behaviours.TryGetValue(candidate, out var behaviour))
                return behaviour;
        }

        return null;
    }

    /// <summary>The most specific delegated zone holding the name, unless this server holds a zone below it itself.</summary>
    private (string Zone, (string Name, IPAddress? Address)[] Servers)? DelegationFor(string name)
    {
        for (var candidate = name; candidate is not null; candidate = Parent(candidate))
        {
            if (_nameServers.ContainsKey(candidate))
                return null;
            if (_delegations.TryGetValue(candidate, out var servers))
                return (candidate, servers);
        }

        return null;
    }

    private static DnsMessage Referral(DnsMessage query, string zone, (string Name, IPAddress? Address)[] servers)
    {
        var response = query.CreateResponseInstance();
        response.ReturnCode = ReturnCode.NoError;
        response.IsAuthoritiveAnswer = false;
        response.IsRecursionAllowed = false;
        var zoneName = DomainName.Parse(zone);
        foreach (var server in servers)
        {
            response.AuthorityRecords.Add(new NsRecord(zoneName, Ttl, DomainName.Parse(server.Name)));
            if (server.Address is { } address)
                response.AdditionalRecords.Add(AddressRecord(DomainName.Parse(server.Name), address));
        }

        return response;
    }

    private void AddAnswers(DnsMessage response, DnsQuestion question, string name)
    {
        switch (question.RecordType)
        {
            case RecordType.A or RecordType.Aaaa when _addresses.TryGetValue(name, out var addresses):
                var family = question.RecordType == RecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                response.AnswerRecords.AddRange(addresses.Where(a => a.AddressFamily == family).Select(a => AddressRecord(question.Name, a)));
                break;

            case RecordType.Ns when _nameServers.TryGetValue(name, out var servers):
                foreach (var server in servers)
                {
                    response.AnswerRecords.Add(new NsRecord(question.Name, Ttl, DomainName.Parse(server.Name)));
                    response.AdditionalRecords.Add(AddressRecord(DomainName.Parse(server.Name), server.Address));
                }

                break;

            case RecordType.Soa when _nameServers.ContainsKey(name):
                response.AnswerRecords.Add(Soa(name));
                break;
        }
    }

    private string? EnclosingZone(string name)
    {
        for (var candidate = name; candidate is not null; candidate = Parent(candidate))
        {
            if (_nameServers.ContainsKey(candidate))
                return candidate;
        }

        return null;
    }

    private SoaRecord Soa(string zone)
    {
        var zoneName = DomainName.Parse(zone);
        var primary = _nameServers[zone] is [var first, ..] ? DomainName.Parse(first.Name) : zoneName;
        var serial = _serials.TryGetValue(zone, out var configured) ? configured : 1;
        return new SoaRecord(zoneName, Ttl, primary, DomainName.Parse("hostmaster." + zone), serial, 3600, 600, 86400, Ttl);
    }

    private static DnsRecordBase AddressRecord(DomainName name, IPAddress address) =>
        address.AddressFamily == AddressFamily.InterNetworkV6 ? new AaaaRecord(name, Ttl, address) : new ARecord(name, Ttl, address);

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private static string? Parent(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? null : name[(dot + 1)..];
    }

    private static void Release(IServerTransport[] transports)
    {
        foreach (var transport in transports)
            transport.Dispose();
    }
}
