using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace IsItDownBot.Core.Probing.Tls;

/// <summary>A TLS handshake with SNI to one address, reporting the certificate's validity, name and chain.</summary>
public sealed class TlsProbe(CertificateTrust trust, TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(string endpoint, string host, IPEndPoint target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var targetText = $"{host} at {target}";
        var started = time.GetTimestamp();
        var seen = new SeenCertificate();
        try
        {
            await HandshakeAsync(host, target, seen, cancellationToken).ConfigureAwait(false);
            var (outcome, detail) = trust.Judge(seen.Certificate, seen.Errors, seen.ChainStatus);
            return new ProbeResult(endpoint, ProbeKind.Tls, targetText, outcome, time.GetElapsedTime(started), detail);
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(endpoint, ProbeKind.Tls, targetText, ProbeOutcome.Timeout, time.GetElapsedTime(started),
                "no TLS handshake before the deadline");
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException or SocketException)
        {
            return new ProbeResult(endpoint, ProbeKind.Tls, targetText, ProbeOutcome.TlsHandshakeFailed, time.GetElapsedTime(started),
                $"TLS handshake failed: {exception.GetBaseException().Message}");
        }
        finally
        {
            seen.Certificate?.Dispose();
        }
    }

    private static async Task HandshakeAsync(string host, IPEndPoint target, SeenCertificate seen, CancellationToken cancellationToken)
    {
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
        await using var stream = new SslStream(new NetworkStream(socket, ownsSocket: false));
        await stream.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = host,
                CertificateChainPolicy = CertificateTrust.OfflineChainPolicy(),

                // Accept every certificate here so the handshake completes and the certificate can be judged.
                // No data is sent over this connection: it is closed right after the handshake.
#pragma warning disable CA5359
                RemoteCertificateValidationCallback = (_, remote, chain, policyErrors) =>
                {
                    seen.Certificate = remote is null ? null : new X509Certificate2(remote);
                    seen.Errors = policyErrors;
                    seen.ChainStatus = CertificateTrust.ChainStatus(chain);
                    return true;
                },
#pragma warning restore CA5359
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>What the validation callback saw, kept for judging after the handshake.</summary>
    private sealed class SeenCertificate
    {
        public X509Certificate2? Certificate { get; set; }

        public SslPolicyErrors Errors { get; set; }

        public X509ChainStatusFlags ChainStatus { get; set; }
    }
}
