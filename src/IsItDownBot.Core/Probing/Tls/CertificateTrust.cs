using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Probing.Tls;

/// <summary>
/// Judges a server certificate the way a browser would, plus the roots of <c>IsItDown:Probes:TrustedCaFile</c>,
/// and says in words what is wrong with it.
/// </summary>
public sealed class CertificateTrust
{
    private readonly X509Certificate2Collection _extraRoots = [];
    private readonly TimeProvider _time;

    public CertificateTrust(IOptions<ProbeOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        if (!string.IsNullOrWhiteSpace(options.Value.TrustedCaFile))
        {
            _extraRoots.ImportFromPemFile(options.Value.TrustedCaFile);
        }
    }

    /// <summary>The verdict on a certificate the handshake delivered, with a detail such as "expired 3 days ago".</summary>
    /// <param name="certificate">The server's certificate.</param>
    /// <param name="errors">What the handshake's validation found.</param>
    /// <param name="chainStatus">
    /// Every problem of the chain the handshake built (see <see cref="ChainStatus"/>); <see cref="X509ChainStatusFlags.NoError"/>
    /// when unknown, which makes any chain error an untrusted certificate.
    /// </param>
    public (ProbeOutcome Outcome, string Detail) Judge(X509Certificate? certificate, SslPolicyErrors errors, X509ChainStatusFlags chainStatus)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return (ProbeOutcome.TlsHandshakeFailed, "the server sent no certificate");
        }

        using var owned = certificate as X509Certificate2 is null ? new X509Certificate2(certificate) : null;
        var leaf = owned ?? (X509Certificate2)certificate;
        var now = _time.GetUtcNow();
        var notAfter = new DateTimeOffset(leaf.NotAfter.ToUniversalTime(), TimeSpan.Zero);
        var notBefore = new DateTimeOffset(leaf.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        if (now > notAfter)
        {
            return (ProbeOutcome.CertificateExpired,
                $"certificate expired on {Date(notAfter)} ({Durations.FormatLong(now - notAfter)} ago)");
        }

        if (now < notBefore)
        {
            return (ProbeOutcome.CertificateNotYetValid, $"certificate not valid before {Date(notBefore)}");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            var names = ServerText.Clip(leaf.GetNameInfo(X509NameType.DnsName, forIssuer: false));
            return (ProbeOutcome.CertificateNameMismatch, $"certificate is for another name ({names})");
        }

        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateChainErrors) && !ChainsToExtraRoot(leaf))
        {
            // The issuer's name is the server's to choose ("Free Nitro at https://..."): quoted clipped, never as is.
            var issuer = ServerText.Clip(leaf.GetNameInfo(X509NameType.SimpleName, forIssuer: true));
            return IsOnlyMissingAnIntermediate(leaf, chainStatus)
                ? (ProbeOutcome.CertificateChainIncomplete, $"certificate chain incomplete: the server does not send the intermediate certificate (issuer: {issuer})")
                : (ProbeOutcome.CertificateUntrusted, $"certificate not issued by a trusted authority (issuer: {issuer})");
        }

        var daysLeft = (int)Math.Floor((notAfter - now).TotalDays);
        return (ProbeOutcome.Ok, $"certificate valid until {Date(notAfter)} ({daysLeft} days left)");
    }

    /// <summary>
    /// The chain policy of every handshake a probe makes: nothing is fetched. A certificate can name URLs
    /// (issuers, revocation lists) that a hostile server chooses, internal addresses included, and fetching
    /// them would also stall the round past its deadline.
    /// </summary>
    public static X509ChainPolicy OfflineChainPolicy() => new()
    {
        DisableCertificateDownloads = true,
        RevocationMode = X509RevocationMode.NoCheck,
    };

    /// <summary>For an HTTP client's validation callback: accept what <see cref="Judge"/> accepts.</summary>
    public bool Accepts(X509Certificate? certificate, SslPolicyErrors errors) =>
        Judge(certificate, errors, X509ChainStatusFlags.NoError).Outcome == ProbeOutcome.Ok;

    /// <summary>Every problem a validation callback's chain found, for <see cref="Judge"/>, read before the chain is disposed.</summary>
    public static X509ChainStatusFlags ChainStatus(X509Chain? chain) =>
        chain is null ? X509ChainStatusFlags.NoError : chain.ChainStatus.Aggregate(X509ChainStatusFlags.NoError, (all, status) => all | status.Status);

    /// <summary>
    /// The server left out its intermediate certificate and nothing else is wrong. The bot never downloads one
    /// (see <see cref="OfflineChainPolicy"/>), but browsers fetch it from the address the certificate gives (its
    /// "CA issuers" access) and work; apps and older clients that do not fail. A certificate that names no such
    /// address cannot be completed by anyone, so it stays untrusted.
    /// </summary>
    public static bool IsOnlyMissingAnIntermediate(X509Certificate2 leaf, X509ChainStatusFlags chainStatus)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return chainStatus == X509ChainStatusFlags.PartialChain
            && leaf.Extensions.OfType<X509AuthorityInformationAccessExtension>().Any(access => access.EnumerateCAIssuersUris().Any());
    }

    private bool ChainsToExtraRoot(X509Certificate2 leaf)
    {
        if (_extraRoots.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy = OfflineChainPolicy();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_extraRoots);
        chain.ChainPolicy.VerificationTime = _time.GetUtcNow().UtcDateTime;
        return chain.Build(leaf);
    }

    private static string Date(DateTimeOffset value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
