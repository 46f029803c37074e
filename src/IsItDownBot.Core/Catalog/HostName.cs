using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace IsItDownBot.Core.Catalog;

/// <summary>Turns what a user typed ("example.org", "https://Example.org/x", "bücher.de.") into a host name to probe.</summary>
public static class HostName
{
    private const string Localhost = "localhost";

    private static readonly IdnMapping Idn = new() { UseStd3AsciiRules = true };

    /// <summary>
    /// True when <paramref name="text"/> is a domain name with at least two labels, an IP address literal,
    /// or an http(s) URL holding one; <paramref name="host"/> is then the lower-case ASCII host.
    /// </summary>
    public static bool TryParse(string? text, out string host)
    {
        host = "";
        if (string.IsNullOrWhiteSpace(text) || text.Length > 2048)
        {
            return false;
        }

        var candidate = Normalize(text);
        if (candidate.Contains("://", StringComparison.Ordinal))
        {
            if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            {
                return false;
            }

            candidate = uri.IdnHost;
        }
        else
        {
            // "example.org/path" and "example.org:443" name the same host.
            var cut = candidate.IndexOfAny(['/', '?', '#']);
            if (cut >= 0)
            {
                candidate = candidate[..cut];
            }

            var at = candidate.LastIndexOf('@');
            if (at >= 0)
            {
                candidate = candidate[(at + 1)..];
            }
        }

        candidate = candidate.Trim('[', ']');
        if (candidate.Contains(':', StringComparison.Ordinal) && IPAddress.TryParse(candidate, out var v6))
        {
            host = v6.ToString();
            return true;
        }

        var colon = candidate.LastIndexOf(':');
        if (colon >= 0)
        {
            candidate = candidate[..colon];
        }

        candidate = candidate.TrimEnd('.');

        // The one single-label name worth reading: people try "check localhost", and it must be refused as the
        // private name it is (by the prober, without a lookup) rather than called an unknown service.
        if (candidate.Equals(Localhost, StringComparison.OrdinalIgnoreCase))
        {
            host = Localhost;
            return true;
        }

        if (candidate.Length == 0 || !candidate.Contains('.', StringComparison.Ordinal))
        {
            return false;
        }

        // Only the dotted quad: IPAddress also reads "10.30" as 10.0.0.30, and people type times and versions.
        if (IPAddress.TryParse(candidate, out var v4)
            && candidate.All(c => char.IsAsciiDigit(c) || c == '.')
            && candidate.Split('.').Length == 4)
        {
            host = v4.ToString();
            return true;
        }

        string ascii;
        try
        {
            ascii = Idn.GetAscii(candidate).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return false;
        }

        // No top-level domain is a single letter or all digits: "e.g", "i.e" and "2.0" are not hosts.
        var labels = ascii.Split('.');
        if (ascii.Length > 253 || !labels.All(IsValidLabel) || labels[^1].Length < 2 || labels[^1].All(char.IsAsciiDigit))
        {
            return false;
        }

        host = ascii;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryParse"/>, and <paramref name="endpoint"/> is the URL to probe: the scheme, port, path and
    /// query as typed ("example.org:8443", "https://example.org/a/b?x=1"), without the fragment (never sent) nor
    /// the user name and password (a stranger's credentials are not the bot's to send). Without a scheme it is
    /// https, or http for port 80. The port is kept even when the bot will not probe it, so that the refusal can
    /// name it instead of quietly probing another.
    /// </summary>
    public static bool TryParseTarget(string? text, out string host, [NotNullWhen(true)] out Uri? endpoint)
    {
        endpoint = null;
        if (!TryParse(text, out host))
        {
            return false;
        }

        var candidate = Normalize(text!);
        var typedScheme = candidate.Contains("://", StringComparison.Ordinal);
        var scheme = Uri.UriSchemeHttps;
        var port = -1;
        var path = "/";
        var query = "";
        if (Uri.TryCreate(typedScheme ? candidate : $"{Uri.UriSchemeHttps}://{candidate}", UriKind.Absolute, out var typed))
        {
            scheme = typed.Scheme;
            port = typed.IsDefaultPort ? -1 : typed.Port;
            path = typed.AbsolutePath;
            query = typed.Query;
            if (!typedScheme && port == 80)
            {
                (scheme, port) = (Uri.UriSchemeHttp, -1);
            }
        }

        endpoint = new UriBuilder(scheme, host, port, path) { Query = query.TrimStart('?') }.Uri;
        return true;
    }

    // IDNA counts the ideographic and full-width full stops as dots (RFC 3490, 3.1): "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ"
    // typed with a Japanese input method is www.example.com.
    private static string Normalize(string text) =>
        FoldWidth(text.Trim()).Replace('\u3002', '.').Replace('\uFF61', '.');

    /// <summary>
    /// Full-width ASCII (U+FF01 to U+FF5E, what an East Asian input method types) as plain ASCII, as IDNA's mapping
    /// does; done by hand because invariant globalization leaves IdnMapping without that table.
    /// </summary>
    private static string FoldWidth(string text)
    {
        if (!text.Any(c => c is >= '\uFF01' and <= '\uFF5E'))
        {
            return text;
        }

        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            }
        });
    }

    private static bool IsValidLabel(string label) =>
        label.Length is > 0 and <= 63
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_');
}
