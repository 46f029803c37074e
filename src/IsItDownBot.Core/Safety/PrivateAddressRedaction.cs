using System.Net;
using System.Text.RegularExpressions;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Safety;

/// <summary>
/// A report about a domain a user typed never shows a private or reserved address: the bot refuses to connect
/// there, and must not tell the asker what its own network's resolvers answered either (which internal host a
/// public name points to, which address a name server hides behind).
/// </summary>
public static partial class PrivateAddressRedaction
{
    private static readonly Phrase Hidden = new("a private address", "une adresse privée");

    public static StatusReport Apply(StatusReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.Service.IsUserSupplied)
        {
            return report;
        }

        return report with
        {
            Probes = [.. report.Probes.Select(Redact)],
            Notes = [.. report.Notes.Select(note => new Phrase(Redact(note.English, Hidden.English), Redact(note.French, Hidden.French)))],
        };
    }

    private static ProbeResult Redact(ProbeResult probe) => probe with
    {
        Target = Redact(probe.Target, Hidden.English),
        Detail = Redact(probe.Detail, Hidden.English),
        Addresses = [.. probe.Addresses.Where(AddressPolicy.IsPublic)],
    };

    /// <summary><paramref name="text"/> with every private or reserved IP address in it replaced by <paramref name="hidden"/>.</summary>
    public static string Redact(string text, string hidden)
    {
        ArgumentNullException.ThrowIfNull(text);
        return AddressLike().Replace(text, match =>
            IPAddress.TryParse(match.Value, out var address) && !AddressPolicy.IsPublic(address) ? hidden : match.Value);
    }

    // Dotted quads, and runs of hex digits and colons holding at least two colons (IPv6, "::1" included).
    [GeneratedRegex(@"\b(?:\d{1,3}\.){3}\d{1,3}\b|(?<![\w:])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f.]*(?![\w:])")]
    private static partial Regex AddressLike();
}
