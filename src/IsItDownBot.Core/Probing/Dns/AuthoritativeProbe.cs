using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>Asks one of a zone's own name servers for the zone's SOA, without recursion: does it answer at all?</summary>
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

    public async Task<ProbeResult> ProbeAsync(string zone, string serverName, IPAddress address, CancellationToken cancellationToken)
    {
        var server = new IPEndPoint(address, _options.AuthoritativePort);
        var target = _options.AuthoritativePort == DnsOptions.DefaultAuthoritativePort
            ? $"{serverName} ({address})"
            : $"{serverName} ({server})";
        var client = _clients.CreateClient([server], recursion: false);
        var started = _time.GetTimestamp();
        try
        {
            var response = await client.QueryAsync(zone, QueryType.SOA, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var latency = _time.GetElapsedTime(started);
            var (outcome, detail) = DnsAnswer.Classify(response);
            if (outcome == ProbeOutcome.Ok && !response.Header.HasAuthorityAnswer)
            {
                return new ProbeResult(zone, ProbeKind.Authoritative, target, ProbeOutcome.DnsNotAuthoritative, latency,
                    "answers, but not as an authority for the zone (lame delegation)");
            }

            if (outcome == ProbeOutcome.Ok)
            {
                var serial = response.Answers.SoaRecords().FirstOrDefault()?.Serial;
                detail = serial is null ? "answers authoritatively" : $"answers authoritatively, SOA serial {serial}";
            }

            return new ProbeResult(zone, ProbeKind.Authoritative, target, outcome, latency, detail);
        }
        catch (Exception exception) when (exception is DnsResponseException or OperationCanceledException or TimeoutException or System.Net.Sockets.SocketException)
        {
            var (outcome, detail) = DnsAnswer.Classify(exception, _options.Timeout);
            return new ProbeResult(zone, ProbeKind.Authoritative, target, outcome, _time.GetElapsedTime(started), detail);
        }
    }
}
