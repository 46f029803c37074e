using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using IsItDownBot.Core.Probing.Tls;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing;

/// <summary>
/// The one HTTP client for fetching evidence from configured sources (routing data, official status pages).
/// Unlike <see cref="Http.HttpProbe"/> it pools connections: these are third-party APIs asked on every round,
/// not the service under test, so a fresh connection each time would only add load and latency.
/// </summary>
public sealed class EvidenceHttpClient : IDisposable
{
    /// <summary>A summary.json or a looking-glass answer is tens of kilobytes; more is not what was asked for.</summary>
    public const int MaxResponseBytes = 1024 * 1024;

    /// <summary>Status pages move between domains (www or not, http to https); a longer chain is a misconfiguration.</summary>
    public const int MaxRedirects = 3;

    // Long enough to reuse connections across rounds, short enough that a source moving to new addresses is followed.
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    // Only a backstop for a caller that passes no deadline: every fetch is meant to end on the caller's token.
    private static readonly TimeSpan Backstop = TimeSpan.FromMinutes(1);

    private readonly HttpClient _client;
    private readonly string _userAgent;

    public EvidenceHttpClient(CertificateTrust trust, IOptions<ProbeOptions> options)
    {
        ArgumentNullException.ThrowIfNull(trust);
        ArgumentNullException.ThrowIfNull(options);
        _userAgent = options.Value.UserAgent;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = MaxRedirects,
            PooledConnectionLifetime = PooledConnectionLifetime,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),

            // The probes go straight to the network; an environment proxy would let these fetches see a
            // different internet from the one the evidence is set beside.
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.All,
            SslOptions = new SslClientAuthenticationOptions
            {
                // Same trust as the probes: system roots plus IsItDown:Probes:TrustedCaFile, and nothing a
                // certificate names is fetched.
                CertificateChainPolicy = CertificateTrust.OfflineChainPolicy(),
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => trust.Accepts(certificate, errors),
            },
        };
        _client = new HttpClient(handler, disposeHandler: true) { Timeout = Backstop };
    }

    /// <summary>
    /// GETs <paramref name="url"/> and reads at most <see cref="MaxResponseBytes"/> of its body. Never throws for
    /// a failed fetch: a source that cannot be read is part of the evidence.
    /// </summary>
    public async Task<EvidenceResponse> GetAsync(Uri url, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(_userAgent);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            if (response.Content.Headers.ContentLength > MaxResponseBytes)
            {
                return EvidenceResponse.Failed(EvidenceFailure.TooLarge, $"answered {status} with more than {MaxResponseBytes / 1024} KB", status);
            }

            var body = await ReadCappedAsync(response.Content, deadline).ConfigureAwait(false);
            return body is null
                ? EvidenceResponse.Failed(EvidenceFailure.TooLarge, $"answered {status} with more than {MaxResponseBytes / 1024} KB", status)
                : new EvidenceResponse(status, body, EvidenceFailure.None, $"answered {status}");
        }
        catch (OperationCanceledException)
        {
            return EvidenceResponse.Failed(EvidenceFailure.Timeout, "did not answer before the deadline");
        }
        catch (HttpRequestException exception)
        {
            return EvidenceResponse.Failed(EvidenceFailure.Unreachable, $"could not be reached: {exception.GetBaseException().Message}");
        }
        catch (IOException exception)
        {
            // The connection broke while the body was being read.
            return EvidenceResponse.Failed(EvidenceFailure.Unreachable, $"broke off its answer: {exception.GetBaseException().Message}");
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>The body, or null when it is longer than the cap (a missing or lying Content-Length is not trusted).</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpContent content, CancellationToken deadline)
    {
        var stream = await content.ReadAsStreamAsync(deadline).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, deadline).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxResponseBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }
}

/// <summary>Why an evidence fetch gave no usable answer.</summary>
public enum EvidenceFailure
{
    None,

    /// <summary>No answer before the caller's deadline.</summary>
    Timeout,

    /// <summary>No connection, a failed TLS handshake, or a connection broken off.</summary>
    Unreachable,

    /// <summary>The body exceeded <see cref="EvidenceHttpClient.MaxResponseBytes"/>.</summary>
    TooLarge,
}

/// <summary>What an evidence fetch got: the status and body when the source answered.</summary>
/// <param name="Status">The HTTP status, or null when no answer arrived.</param>
/// <param name="Detail">A short description for the evidence ("answered 503", "did not answer before the deadline"), to follow the source's name.</param>
public sealed record EvidenceResponse(int? Status, ReadOnlyMemory<byte> Body, EvidenceFailure Failure, string Detail)
{
    /// <summary>A 200 with its whole body read: the only answer worth parsing.</summary>
    public bool IsOk => Failure == EvidenceFailure.None && Status == 200;

    internal static EvidenceResponse Failed(EvidenceFailure failure, string detail, int? status = null) =>
        new(status, ReadOnlyMemory<byte>.Empty, failure, detail);
}
