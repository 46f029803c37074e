using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>Domain names as the walk compares them: lower case, no trailing dot, the root as "".</summary>
internal static class DnsNames
{
    public static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    public static string Normalize(DnsString name) => Normalize(name.Value);

    /// <summary>True when <paramref name="name"/> is <paramref name="zone"/> or a name below it.</summary>
    public static bool IsAtOrUnder(string name, string zone) =>
        zone.Length == 0 || name == zone || name.EndsWith("." + zone, StringComparison.Ordinal);

    public static bool IsBelow(string name, string zone) => name != zone && IsAtOrUnder(name, zone);

    /// <summary>The root or a TLD: zones that hold registrations, not a registrant's own zone.</summary>
    public static bool IsTopLevel(string zone) => !zone.Contains('.', StringComparison.Ordinal);

    /// <summary>
    /// Who runs a name server, as far as its name tells: its last two labels (ns-1.awsdns-01.org gives
    /// awsdns-01.org, dns1.p01.nsone.net gives nsone.net). Deliberately simple: a provider whose servers span
    /// several domains (awsdns-01.org, awsdns-02.co.uk) counts as several, which only compares fewer serials.
    /// </summary>
    public static string Provider(string server)
    {
        var labels = Normalize(server).Split('.');
        return string.Join('.', labels[Math.Max(0, labels.Length - 2)..]);
    }

    /// <summary>At most <paramref name="perFamily"/> IPv4 and as many IPv6 addresses, IPv4 and IPv6 taking turns.</summary>
    public static List<T> Interleave<T>(IEnumerable<T> items, Func<T, IPAddress> address, int perFamily)
    {
        var v4 = items.Where(item => address(item).AddressFamily == AddressFamily.InterNetwork).Take(perFamily).ToList();
        var v6 = items.Where(item => address(item).AddressFamily == AddressFamily.InterNetworkV6).Take(perFamily).ToList();
        var result = new List<T>(v4.Count + v6.Count);
        for (var i = 0; i < Math.Max(v4.Count, v6.Count); i++)
        {
            if (i < v4.Count)
            {
                result.Add(v4[i]);
            }

            if (i < v6.Count)
            {
                result.Add(v6[i]);
            }
        }

        return result;
    }
}
