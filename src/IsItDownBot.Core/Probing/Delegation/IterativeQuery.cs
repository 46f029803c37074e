using System.Net;
using DnsClient;
using IsItDownBot.Core.Probing.Dns;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>Asks the servers of one level of the DNS tree (the root, a TLD, a zone) a question without recursion.</summary>
internal sealed class IterativeQuery
{
    // The first useful answer ends a level. A few servers at once cover a silent one, or a family this
    // machine cannot reach, without waiting a timeout per server; all of them would only add load.
    private const int MaxAskedAtOnce = 4;

    private readonly DnsOptions _options;
    private readonly ResolverProbe _clients;
    private readonly TimeProvider _time;

    public IterativeQuery(IOptions<DnsOptions> options, ResolverProbe clients, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _clients = clients;
        _time = time;
    }

    /// <summary>
    /// Asks up to four of <paramref name="servers"/> at once and returns the first answer that
    /// <paramref name="useful"/> accepts, with a probe for each answer or failure seen until then. Each server
    /// asked takes one query from <paramref name="budget"/>; a server the budget no longer covers is not asked,
    /// and its probe says so.
    /// </summary>
    public async Task<LevelAnswer> AskAsync(
        string name, QueryType type, IReadOnlyList<ServerAddress> servers, Func<IDnsQueryResponse, bool> useful, QueryBudget budget,
        CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(budget);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        var pending = new List<Task<Answer>>();
        var probes = new List<ProbeResult>();
        foreach (var server in DnsNames.Interleave(servers, server => server.Address, MaxAskedAtOnce).Take(MaxAskedAtOnce))
        {
            if (budget.TryTake())
            {
                pending.Add(AskOneAsync(name, type, server, stop.Token));
            }
            else
            {
                probes.Add(ProbeResult.Skip(Endpoint(name), ProbeKind.Authoritative, Target(server), $"{type}: {budget.NotAsked}"));
            }
        }

        Answer? found = null;
        while (pending.Count > 0 && found is null)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            var answer = await done.ConfigureAwait(false);
            probes.Add(answer.Probe);
            if (answer.Response is { } response && useful(response))
            {
                found = answer;
            }
        }

        // The others were only cut short because one answered: they are not evidence of anything.
        if (pending.Count > 0)
        {
            await stop.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(pending).ConfigureAwait(false);
        }

        return new LevelAnswer(found?.Response, probes);
    }

    private async Task<Answer> AskOneAsync(string name, QueryType type, ServerAddress server, CancellationToken cancellationToken)
    {
        var target = Target(server);
        var endpoint = Endpoint(name);
        var client = _clients.CreateClient([new IPEndPoint(server.Address, _options.AuthoritativePort)], recursion: false);
        var started = _time.GetTimestamp();
        try
        {
            var response = await client.QueryAsync(endpoint, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            var (outcome, detail) = Describe(response);
            return new Answer(new ProbeResult(endpoint, ProbeKind.Authoritative, target, outcome, _time.GetElapsedTime(started), $"{type}: {detail}"), response);
        }
        catch (Exception exception) when (DnsAnswer.IsQueryFailure(exception))
        {
            var (outcome, detail) = DnsAnswer.Classify(exception, _options.Timeout, cancellationToken);
            return new Answer(new ProbeResult(endpoint, ProbeKind.Authoritative, target, outcome, _time.GetElapsedTime(started), $"{type}: {detail}"), null);
        }
    }

    private string Target(ServerAddress server) => $"{server.Name} ({DnsEndPoints.Format(server.Address, _options.AuthoritativePort)})";

    private static string Endpoint(string name) => name.Length == 0 ? "." : name;

    private static (ProbeOutcome Outcome, string Detail) Describe(IDnsQueryResponse response)
    {
        var (outcome, detail) = DnsAnswer.Classify(response);
        if (outcome != ProbeOutcome.Ok)
        {
            return (outcome, detail);
        }

        if (response.Header.HasAuthorityAnswer)
        {
            return (ProbeOutcome.Ok, response.Answers.Count > 0 ? "answers authoritatively" : "answers authoritatively: no such record");
        }

        var servers = response.Authorities.NsRecords().ToList();
        return servers.Count > 0
            ? (ProbeOutcome.Ok, $"refers to {DnsNames.Normalize(servers[0].DomainName)} ({servers.Count} name servers)")
            : (ProbeOutcome.DnsNotAuthoritative, "answers, but neither as an authority nor with a referral");
    }

    private sealed record Answer(ProbeResult Probe, IDnsQueryResponse? Response);
}

/// <summary>What one level answered: the useful response, if any, and every probe that led to it.</summary>
internal sealed record LevelAnswer(IDnsQueryResponse? Response, IReadOnlyList<ProbeResult> Probes);
