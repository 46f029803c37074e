using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Replay.Loopback;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Replay;

/// <summary>
/// A service's front servers: one HTTPS server answering all of the service's host names (its certificate names
/// them all), each with a status a step can change, and a certificate a step can renew or let expire.
/// </summary>
public sealed class ServiceEdge
{
    private readonly ConcurrentDictionary<string, int> _statuses = new(StringComparer.OrdinalIgnoreCase);

    internal ServiceEdge(string serviceId, IReadOnlyList<string> hosts)
    {
        ServiceId = serviceId;
        Hosts = hosts;
        foreach (var host in hosts)
            _statuses[host] = StatusCodes.Status200OK;
    }

    public string ServiceId { get; }

    public IReadOnlyList<string> Hosts { get; }

    public LoopbackHttpsServer Server { get; internal set; } = null!;

    /// <summary>Every host of the service answers <paramref name="status"/>.</summary>
    public void SetStatus(int status)
    {
        foreach (var host in Hosts)
            _statuses[host] = status;
    }

    /// <summary>One host answers <paramref name="status"/>, the others as before.</summary>
    public void SetStatus(string host, int status)
    {
        if (!_statuses.ContainsKey(host))
            throw new ArgumentException($"{ServiceId} has no host {host}.", nameof(host));

        _statuses[host] = status;
    }

    /// <summary>The certificate presented from the next connection on.</summary>
    public void UseCertificate(X509Certificate2 certificate) => Server.UseCertificate(certificate);

    internal Task HandleAsync(HttpContext context)
    {
        context.Response.StatusCode = _statuses.TryGetValue(context.Request.Host.Host, out var status) ? status : StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }
}
