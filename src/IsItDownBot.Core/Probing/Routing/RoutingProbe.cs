using System.Globalization;
using System.Net;
using System.Text.Json;
using IsItDownBot.Core.Safety;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Routing;

/// <summary>
/// Asks RIPEstat's looking glass whether the internet still has a route to each address: the way to tell
/// "the servers are down" from "the network they live in has vanished" (4 October 2021). A source that
/// cannot be asked gives <see cref="RouteState.Unknown"/>, never an exception.
/// </summary>
/// <remarks>
/// The answer shape relied on, from RIPEstat's looking-glass documentation and a live answer: a top-level
/// <c>status</c> ("ok"), and <c>data.rrcs</c>, one entry per route collector that has data for the resource,
/// each with <c>rrc</c> (its id) and <c>peers</c>, each peer with <c>prefix</c> (the prefix matched for the
/// queried IP) and <c>peer</c>. A collector that sees nothing is left out, so an empty <c>rrcs</c> means no
/// collector has a route. Other fields (as_path, asn_origin, which is a number in some answers and a string in
/// others) are not read.
/// </remarks>
public sealed class RoutingProbe(EvidenceHttpClient http, IOptions<RoutingOptions> options, TimeProvider time)
{
    // RIPEstat is a shared public service: a few requests at a time is polite and still well inside a round.
    private const int MaxConcurrentRequests = 4;

    private const string Source = "RIPEstat";

    /// <summary>
    /// One entry per distinct address (at most <see cref="RoutingOptions.MaxAddresses"/>), in the order given.
    /// Empty when routing checks are switched off.
    /// </summary>
    public async Task<IReadOnlyList<RouteVisibility>> CheckAsync(IEnumerable<IPAddress> addresses, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return [];
        }

        // An IPv4 address seen through a dual-stack socket is the same route as the plain one.
        var distinct = addresses
            .Select(address => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)
            .Distinct()
            .Take(settings.MaxAddresses)
            .ToList();
        using var gate = new SemaphoreSlim(MaxConcurrentRequests);
        return await Task.WhenAll(distinct.Select(address => CheckOneAsync(address, settings, gate, deadline))).ConfigureAwait(false);
    }

    private async Task<RouteVisibility> CheckOneAsync(IPAddress address, RoutingOptions settings, SemaphoreSlim gate, CancellationToken deadline)
    {
        // A private or reserved address is never in the global routing table: asking would only report it
        // "withdrawn", which says nothing about the service.
        if (!settings.IncludeNonPublicAddresses && !AddressPolicy.IsPublic(address))
        {
            return new RouteVisibility(address, RouteState.Unknown, null, 0, 0, "not a public address: not routed on the internet", TimeSpan.Zero);
        }

        try
        {
            await gate.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return Unknown(address, $"{Source} not asked: the deadline had passed", TimeSpan.Zero);
        }

        try
        {
            // Measured from the request, not from the wait for a free slot: the latency is the source's.
            var started = time.GetTimestamp();
            var response = await http.GetAsync(RequestUrl(settings, address), deadline).ConfigureAwait(false);
            var latency = time.GetElapsedTime(started);
            if (!response.IsOk)
            {
                return Unknown(address, $"{Source} {response.Detail}", latency);
            }

            return Read(address, response.Body, latency);
        }
        finally
        {
            gate.Release();
        }
    }

    private static Uri RequestUrl(RoutingOptions settings, IPAddress address)
    {
        var builder = new UriBuilder(settings.LookingGlassUrl);
        var query = builder.Query.TrimStart('?');
        var parameters = new List<string>();
        if (query.Length > 0)
        {
            parameters.Add(query);
        }

        parameters.Add("resource=" + Uri.EscapeDataString(address.ToString()));
        if (!string.IsNullOrEmpty(settings.SourceApp))
        {
            parameters.Add("sourceapp=" + Uri.EscapeDataString(settings.SourceApp));
        }

        builder.Query = string.Join('&', parameters);
        return builder.Uri;
    }

    private static RouteVisibility Read(IPAddress address, ReadOnlyMemory<byte> body, TimeSpan latency)
    {
        var seen = TryCount(body);
        if (seen is not { } counts)
        {
            return Unknown(address, $"{Source}'s answer was not understood", latency);
        }

        if (counts.Peers == 0)
        {
            return new RouteVisibility(address, RouteState.Withdrawn, null, 0, 0,
                $"no route collector sees a route to {address}: its network is gone from the internet's routing tables", latency);
        }

        var detail = string.Create(CultureInfo.InvariantCulture,
            $"{counts.Prefix} seen by {counts.Peers} {Plural(counts.Peers, "peer")} at {counts.Collectors} {Plural(counts.Collectors, "route collector")}");
        return new RouteVisibility(address, RouteState.Announced, counts.Prefix, counts.Collectors, counts.Peers, detail, latency);
    }

    /// <summary>Collectors and peers that carry a prefix, and the prefix most of them carry; null when the JSON is not a looking-glass answer.</summary>
    private static (int Collectors, int Peers, string? Prefix)? TryCount(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.String && JsonStrings.Read(status) != "ok")
                || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object
                || !data.TryGetProperty("rrcs", out var rrcs) || rrcs.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var collectors = 0;
            var prefixes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var rrc in rrcs.EnumerateArray())
            {
                if (rrc.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                var carrying = 0;
                if (rrc.TryGetProperty("peers", out var peers) && peers.ValueKind == JsonValueKind.Array)
                {
                    foreach (var peer in peers.EnumerateArray())
                    {
                        if (peer.ValueKind == JsonValueKind.Object
                            && peer.TryGetProperty("prefix", out var prefix) && prefix.ValueKind == JsonValueKind.String
                            && JsonStrings.Read(prefix) is { Length: > 0 } text)
                        {
                            carrying++;
                            prefixes[text] = prefixes.GetValueOrDefault(text) + 1;
                        }
                    }
                }

                collectors += carrying > 0 ? 1 : 0;
            }

            // Peers may carry a more specific prefix than most; the one most of them carry describes the route best.
            var common = prefixes.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => pair.Key).FirstOrDefault();
            return (collectors, prefixes.Values.Sum(), common);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static RouteVisibility Unknown(IPAddress address, string detail, TimeSpan latency) =>
        new(address, RouteState.Unknown, null, 0, 0, detail, latency);

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";
}
