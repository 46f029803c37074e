using System.Net;

namespace IsItDownBot.Core.Probing;

/// <summary>One probe's observation.</summary>
/// <param name="Endpoint">The endpoint URL, control host or zone this probe was for.</param>
/// <param name="Target">What was asked: "1.1.1.1:53", "157.240.1.35:443", "a.ns.facebook.com (129.134.30.12)".</param>
/// <param name="Detail">A short human description of what was seen ("SERVFAIL", "503 Service Unavailable").</param>
public sealed record ProbeResult(
    string Endpoint,
    ProbeKind Kind,
    string Target,
    ProbeOutcome Outcome,
    TimeSpan Latency,
    string Detail)
{
    public bool Ok => Outcome == ProbeOutcome.Ok;

    /// <summary>Addresses a DNS probe found.</summary>
    public IReadOnlyList<IPAddress> Addresses { get; init; } = [];

    /// <summary>The HTTP status code, when the server answered.</summary>
    public int? HttpStatus { get; init; }

    /// <summary>For a TCP probe, the address it connected to or tried.</summary>
    public IPEndPoint? TcpTarget { get; init; }

    /// <summary>
    /// For a TCP probe, the bot's own machine had no route to the address, or no stack for its family (no IPv6
    /// here, say): the connection attempt never left, so it says nothing about the server.
    /// </summary>
    public bool NoRouteFromHere { get; init; }

    public static ProbeResult Skip(string endpoint, ProbeKind kind, string target, string why) =>
        new(endpoint, kind, target, ProbeOutcome.Skipped, TimeSpan.Zero, why);
}
