using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// RIPEstat's looking-glass data call (<c>data.json?resource=&lt;ip&gt;</c>), to host on a
/// <see cref="LoopbackHttpsServer"/>: <c>LoopbackHttpsServer.StartAsync(address, certificate, glass.HandleAsync)</c>.
/// Every address is announced (a /24 or /48 around it) by <see cref="Collectors"/> x <see cref="PeersPerCollector"/>
/// peers unless withdrawn. It can also answer slowly, with an error status, or with something that is not JSON,
/// and it records the resources asked.
/// </summary>
public sealed class SimulatedLookingGlass
{
    private readonly Lock _gate = new();
    private readonly List<IPNetwork> _withdrawn = [];
    private readonly List<string> _resources = [];

    public int Collectors { get; set; } = 3;

    public int PeersPerCollector { get; set; } = 4;

    /// <summary>Answer this status (with a short text body) instead of the data when not 200.</summary>
    public int Status { get; set; } = 200;

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    public bool Garbage { get; set; }

    /// <summary>Wait this long before answering (<see cref="Timeout.InfiniteTimeSpan"/>: until the client leaves).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>The <c>resource</c> of every request so far, in order of arrival.</summary>
    public IReadOnlyList<string> Resources
    {
        get
        {
            lock (_gate)
            {
                return [.. _resources];
            }
        }
    }

    /// <summary>No collector sees a route to this address or prefix ("129.134.30.0/23") any more.</summary>
    public void Withdraw(string addressOrPrefix)
    {
        lock (_gate)
        {
            _withdrawn.Add(ToNetwork(addressOrPrefix));
        }
    }

    /// <summary>Every route is announced again.</summary>
    public void RestoreAll()
    {
        lock (_gate)
        {
            _withdrawn.Clear();
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var resource = context.Request.Query["resource"].ToString();
        lock (_gate)
        {
            _resources.Add(resource);
        }

        await LoopbackHttpsServer.RespondJsonAsync(context, Delay, Status, () => Garbage ? "{\"data\": {\"rrcs\": [" : Answer(resource)).ConfigureAwait(false);
    }

    private string Answer(string resource)
    {
        var rrcs = new JsonArray();
        if (IPAddress.TryParse(resource, out var address) && !IsWithdrawn(address))
        {
            var prefix = Network(address, IsV4(address) ? 24 : 48).ToString();
            for (var c = 0; c < Collectors; c++)
            {
                var peers = new JsonArray();
                for (var p = 0; p < PeersPerCollector; p++)
                {
                    peers.Add(new JsonObject
                    {
                        ["asn_origin"] = "64500", ["as_path"] = $"6450{p} 64500", ["prefix"] = prefix,
                        ["peer"] = $"192.0.2.{p + 1}", ["origin"] = "IGP", ["latest_time"] = "2021-10-04T15:45:00",
                    });
                }

                rrcs.Add(new JsonObject { ["rrc"] = $"RRC{c:00}", ["location"] = "Loopback", ["peers"] = peers });
            }
        }

        return new JsonObject
        {
            ["status"] = "ok",
            ["status_code"] = 200,
            ["data_call_name"] = "looking-glass",
            ["data"] = new JsonObject { ["rrcs"] = rrcs, ["query_time"] = "2021-10-04T15:45:00" },
        }.ToJsonString();
    }

    private bool IsWithdrawn(IPAddress address)
    {
        lock (_gate)
        {
            return _withdrawn.Any(network => network.Contains(address));
        }
    }

    private static IPNetwork ToNetwork(string addressOrPrefix)
    {
        if (addressOrPrefix.Contains('/', StringComparison.Ordinal))
        {
            return IPNetwork.Parse(addressOrPrefix);
        }

        var address = IPAddress.Parse(addressOrPrefix);
        return new IPNetwork(address, IsV4(address) ? 32 : 128);
    }

    /// <summary>The network of <paramref name="length"/> bits around an address (IPNetwork refuses host bits).</summary>
    private static IPNetwork Network(IPAddress address, int length)
    {
        var bytes = address.GetAddressBytes();
        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        return new IPNetwork(new IPAddress(bytes), length);
    }

    private static bool IsV4(IPAddress address) => address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork;
}
