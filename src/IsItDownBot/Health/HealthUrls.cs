namespace IsItDownBot.Health;

/// <summary>Turns a listening address into one a client on the same machine can call.</summary>
internal static class HealthUrls
{
    /// <summary>
    /// <c>http://0.0.0.0:9464</c>, <c>http://+:9464</c> or <c>http://[::]:9464</c> listen everywhere; a client calls
    /// loopback. Null when the text is not an http:// address with nothing after the host and port.
    /// </summary>
    public static Uri? ToProbeUri(string url)
    {
        var text = url.Trim().Replace("://+:", "://0.0.0.0:", StringComparison.Ordinal).Replace("://*:", "://0.0.0.0:", StringComparison.Ordinal);
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp || uri.AbsolutePath != "/")
        {
            return null;
        }

        var host = uri.Host is "0.0.0.0" or "[::]" ? "127.0.0.1" : uri.Host;
        return new UriBuilder(uri) { Host = host }.Uri;
    }
}
