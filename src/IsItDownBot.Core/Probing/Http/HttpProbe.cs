using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Core.Probing.Tls;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Http;

/// <summary>
/// One HTTP GET over a fresh connection to the address DNS returned (never a second lookup, never a pooled
/// connection that would hide an outage). Redirects are reported, not followed.
/// </summary>
public sealed class HttpProbe(CertificateTrust trust, IOptions<ProbeOptions> options, TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(Uri endpoint, IPEndPoint target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(target);
        var label = endpoint.ToString();
        var targetText = $"GET {endpoint.AbsoluteUri} at {target}";
        using var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (_, token) =>
            {
                var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(target, token).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateChainPolicy = CertificateTrust.OfflineChainPolicy(),
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.Accepts(certificate, errors),
            },
        };
        using var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, endpoint);
        request.Headers.UserAgent.ParseAdd(options.Value.UserAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("*/*", 0.8));

        var started = time.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            var latency = time.GetElapsedTime(started);
            var status = (int)response.StatusCode;
            var outcome = status switch
            {
                429 => ProbeOutcome.HttpRateLimited,
                >= 500 => ProbeOutcome.HttpServerError,
                _ => ProbeOutcome.Ok,
            };
            return new ProbeResult(label, ProbeKind.Http, targetText, outcome, latency, Describe(response)) { HttpStatus = status };
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(label, ProbeKind.Http, targetText, ProbeOutcome.Timeout, time.GetElapsedTime(started),
                "connected, but no HTTP answer before the deadline");
        }
        catch (HttpRequestException exception)
        {
            var outcome = exception.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused }
                ? ProbeOutcome.ConnectionRefused
                : ProbeOutcome.HttpProtocolError;
            return new ProbeResult(label, ProbeKind.Http, targetText, outcome, time.GetElapsedTime(started),
                $"request failed: {exception.GetBaseException().Message}");
        }
    }

    /// <summary>
    /// "301 Moved Permanently -> https://…, server: nginx". The reason phrase and headers are the server's to
    /// choose and end up in the bot's messages, so each is clipped (<see cref="ServerText"/>) as it is captured.
    /// </summary>
    private static string Describe(HttpResponseMessage response)
    {
        var text = $"{(int)response.StatusCode} {ServerText.Clip(response.ReasonPhrase)}".Trim();
        if (response.Headers.Location is { } location)
        {
            text += $" -> {ServerText.Clip(location.OriginalString)}";
        }

        if (response.Headers.Server.Count > 0)
        {
            text += $", server: {ServerText.Clip(response.Headers.Server.ToString())}";
        }

        return text;
    }
}
