using System.Net;
using DnsClient;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>Asks one resolver for a host's A and AAAA records, once: no retry, no cache.</summary>
public sealed class ResolverProbe
{
    private readonly DnsOptions _options;
    private readonly TimeProvider _time;

    public ResolverProbe(IOptions<DnsOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
    }

    public async Task<ProbeResult> ProbeAsync(DnsResolver resolver, string endpoint, string host, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        var client = CreateClient(resolver.Servers, recursion: true);
        var started = _time.GetTimestamp();
        var answers = await Task.WhenAll(
            QueryAsync(client, host, QueryType.A, cancellationToken),
            QueryAsync(client, host, QueryType.AAAA, cancellationToken)).ConfigureAwait(false);
        var latency = _time.GetElapsedTime(started);

        var addresses = answers.SelectMany(answer => answer.Addresses).Distinct().ToList();
        var (outcome, detail) = Combine(answers[0], answers[1], addresses);
        return new ProbeResult(endpoint, ProbeKind.Dns, resolver.Label, outcome, latency, detail)
        {
            Addresses = addresses,
        };
    }

    /// <summary>
    /// Builds a client that asks exactly these servers, once, without caching: over UDP with a TCP retry of
    /// truncated answers, or over only the <paramref name="transport"/> given, to test that transport alone.
    /// </summary>
    internal LookupClient CreateClient(IReadOnlyList<IPEndPoint> servers, bool recursion, DnsTransport? transport = null) =>
        new(new LookupClientOptions([.. servers.Select(server => new NameServer(server))])
        {
            UseCache = false,
            Retries = 0,
            Timeout = _options.Timeout,
            Recursion = recursion,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpFallback = transport is null,
            UseTcpOnly = transport == DnsTransport.Tcp,
        });

    private async Task<Answer> QueryAsync(LookupClient client, string host, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.QueryAsync(host, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var (outcome, detail) = DnsAnswer.Classify(response);
            return new Answer(outcome, detail, outcome == ProbeOutcome.Ok ? DnsAnswer.Addresses(response) : []);
        }
        catch (Exception exception) when (DnsAnswer.IsQueryFailure(exception))
        {
            var (outcome, detail) = DnsAnswer.Classify(exception, _options.Timeout, cancellationToken);
            return new Answer(outcome, detail, []);
        }
    }

    private static (ProbeOutcome Outcome, string Detail) Combine(Answer v4, Answer v6, List<IPAddress> addresses)
    {
        if (addresses.Count > 0)
        {
            return (ProbeOutcome.Ok, $"NOERROR: {string.Join(", ", addresses.Take(4))}{(addresses.Count > 4 ? ", ..." : "")}");
        }

        // A name that does not exist fails for both families; otherwise report the more telling failure.
        Answer[] both = [v4, v6];
        foreach (var outcome in (ReadOnlySpan<ProbeOutcome>)[ProbeOutcome.DnsNxDomain, ProbeOutcome.DnsServFail, ProbeOutcome.DnsRefused, ProbeOutcome.Timeout, ProbeOutcome.DnsError])
        {
            if (both.FirstOrDefault(answer => answer.Outcome == outcome) is { } failed)
            {
                return (failed.Outcome, failed.Detail);
            }
        }

        return (ProbeOutcome.DnsNoAddresses, "NOERROR but no A or AAAA record");
    }

    private sealed record Answer(ProbeOutcome Outcome, string Detail, IReadOnlyList<IPAddress> Addresses);
}
