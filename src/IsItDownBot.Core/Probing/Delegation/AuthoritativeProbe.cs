using System.Net;
using DnsClient;
using IsItDownBot.Core.Probing.Dns;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>Asks one of a zone's own name servers, at one address over one transport, for the zone's SOA without recursion.</summary>
public sealed class AuthoritativeProbe
{
    private readonly DnsOptions _options;
    private readonly ResolverProbe _clients;
    private readonly TimeProvider _time;

    public AuthoritativeProbe(IOptions<DnsOptions> options, ResolverProbe clients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clients = clients;
        _time = time;
    }

    public async Task<NameServerCheck> ProbeAsync(string zone, string serverName, IPAddress address, DnsTransport transport, CancellationToken cancellationToken)
    {
        var target = Target(serverName, address, transport);
        var client = _clients.CreateClient([new IPEndPoint(address, _options.AuthoritativePort)], recursion: false, transport);
        var started = _time.GetTimestamp();
        try
        {
            var response = await client.QueryAsync(zone, QueryType.SOA, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var latency = _time.GetElapsedTime(started);
            var (outcome, detail) = DnsAnswer.Classify(response);
            if (outcome == ProbeOutcome.Ok && !response.Header.HasAuthorityAnswer)
            {
                return Check(new ProbeResult(zone, ProbeKind.Authoritative, target, ProbeOutcome.DnsNotAuthoritative, latency,
                    "answers, but not as an authority for the zone (lame delegation)"), serial: null);
            }

            uint? serial = null;
            if (outcome == ProbeOutcome.Ok)
            {
                serial = response.Answers.SoaRecords().FirstOrDefault()?.Serial;
                detail = serial is null ? "answers authoritatively" : $"answers authoritatively, SOA serial {serial}";
            }

            return Check(new ProbeResult(zone, ProbeKind.Authoritative, target, outcome, latency, detail), serial);
        }
        catch (Exception exception) when (DnsAnswer.IsQueryFailure(exception))
        {
            var (outcome, detail) = DnsAnswer.Classify(exception, _options.Timeout, cancellationToken);
            return Check(new ProbeResult(zone, ProbeKind.Authoritative, target, outcome, _time.GetElapsedTime(started), detail), serial: null);
        }

        NameServerCheck Check(ProbeResult result, uint? serial) => new(serverName, address, transport, result, serial);
    }

    /// <summary>The check a user's domain may not have: its server's address is private or reserved.</summary>
    public NameServerCheck Blocked(string zone, string serverName, IPAddress address, DnsTransport transport) =>
        new(serverName, address, transport,
            new ProbeResult(zone, ProbeKind.Authoritative, Target(serverName, address, transport), ProbeOutcome.Blocked, TimeSpan.Zero,
                "not asked: a private or reserved address"),
            Serial: null);

    /// <summary>"a.ns.facebook.com (129.134.30.12) UDP"; the port only when it is not 53 (tests).</summary>
    private string Target(string serverName, IPAddress address, DnsTransport transport) =>
        $"{serverName} ({DnsEndPoints.Format(address, _options.AuthoritativePort)}) {transport.ToString().ToUpperInvariant()}";
}
