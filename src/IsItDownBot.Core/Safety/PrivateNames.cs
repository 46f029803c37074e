namespace IsItDownBot.Core.Safety;

/// <summary>
/// Names that exist only inside a private network: special-use suffixes (RFC 6761, 6762, 8375), the ICANN
/// private-use ".internal", and the suffixes networks commonly use without registering them. The bot's own
/// resolvers (a container's, a cloud network's) answer for such names, so merely looking one up for a user would
/// tell them which internal hosts exist: a user's target with such a name is refused before any lookup.
/// </summary>
public static class PrivateNames
{
    private static readonly string[] Suffixes =
    [
        "localhost", "local", "internal", "home.arpa", "localdomain", "lan", "home", "corp", "intranet", "private",
        "in-addr.arpa", "ip6.arpa", "onion", "alt", "invalid",
    ];

    /// <summary>True when <paramref name="host"/> (lower-case ASCII, no trailing dot) is, or is under, a private suffix.</summary>
    public static bool IsPrivate(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var name = host.TrimEnd('.');
        return Suffixes.Any(suffix =>
            name.Equals(suffix, StringComparison.OrdinalIgnoreCase)
            || name.EndsWith("." + suffix, StringComparison.OrdinalIgnoreCase));
    }
}
