using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// A throw-away root CA made in memory, for HTTPS fakes whose certificates are valid, expired,
/// not yet valid or untrusted. Clients trust it through <see cref="Root"/> or <see cref="RootPemPath"/>,
/// never through the machine's trust store.
/// </summary>
public sealed class ThrowawayCertificateAuthority : IDisposable
{
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    public ThrowawayCertificateAuthority(string commonName = "IsItDownBot Throw-away Root CA")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));

        // Wide enough that expired and not-yet-valid leaves still fall inside the issuer's validity.
        var now = DateTimeOffset.UtcNow;
        Root = request.CreateSelfSigned(now.AddYears(-10), now.AddYears(10));

        RootPemPath = Path.Combine(Path.GetTempPath(), $"isitdownbot-test-ca-{Guid.NewGuid():N}.pem");
        File.WriteAllText(RootPemPath, Root.ExportCertificatePem());
    }

    /// <summary>The root certificate, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The root as PEM in a temporary file, deleted on <see cref="Dispose"/>.</summary>
    public string RootPemPath { get; }

    /// <summary>A server certificate with its private key, usable by Kestrel and SslStream.</summary>
    public X509Certificate2 Issue(string[] dnsNames, DateTimeOffset notBefore, DateTimeOffset notAfter, params IPAddress[] ipAddresses)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, dnsNames, ipAddresses);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));

        using var issued = request.Create(Root, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return WithPrivateKey(issued, key);
    }

    /// <summary>Valid from yesterday for 30 days. Names that parse as IP addresses become IP SANs.</summary>
    public X509Certificate2 IssueValid(params string[] names) => Issue(names, TimeSpan.FromDays(-1), TimeSpan.FromDays(30));

    /// <summary>Expired yesterday.</summary>
    public X509Certificate2 IssueExpired(params string[] names) => Issue(names, TimeSpan.FromDays(-30), TimeSpan.FromDays(-1));

    /// <summary>Valid from tomorrow.</summary>
    public X509Certificate2 IssueNotYetValid(params string[] names) => Issue(names, TimeSpan.FromDays(1), TimeSpan.FromDays(30));

    /// <summary>
    /// A certificate for <paramref name="name"/> issued by an intermediate CA that the server does not send,
    /// whose "CA issuers" extension says to fetch that intermediate from <paramref name="caIssuersUrl"/>:
    /// the way a hostile server could make a client open a URL of the server's choosing.
    /// </summary>
    public X509Certificate2 IssueFromMissingIntermediate(string name, Uri caIssuersUrl)
    {
        using var intermediateKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var intermediateRequest = new CertificateRequest("CN=IsItDownBot Test Intermediate", intermediateKey, HashAlgorithmName.SHA256);
        intermediateRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        intermediateRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        intermediateRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(intermediateRequest.PublicKey, false));
        intermediateRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var now = DateTimeOffset.UtcNow;
        using var intermediate = intermediateRequest.Create(Root, now.AddDays(-2), now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        using var intermediateWithKey = intermediate.CopyWithPrivateKey(intermediateKey);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = ServerRequest(key, [name], []);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(intermediateWithKey, true, false));
        request.CertificateExtensions.Add(new X509AuthorityInformationAccessExtension(null, [caIssuersUrl.ToString()]));
        using var issued = request.Create(intermediateWithKey, now.AddDays(-1), now.AddDays(30), RandomNumberGenerator.GetBytes(16));
        return WithPrivateKey(issued, key);
    }

    /// <summary>A certificate signed by its own key only, which no trust store (nor this CA) vouches for.</summary>
    public static X509Certificate2 SelfSigned(string name)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var (dnsNames, ipAddresses) = Split([name]);
        var request = ServerRequest(key, dnsNames, ipAddresses);
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return Reimport(created);
    }

    public void Dispose()
    {
        File.Delete(RootPemPath);
        Root.Dispose();
    }

    private X509Certificate2 Issue(string[] names, TimeSpan notBefore, TimeSpan notAfter)
    {
        var now = DateTimeOffset.UtcNow;
        var (dnsNames, ipAddresses) = Split(names);
        return Issue(dnsNames, now + notBefore, now + notAfter, ipAddresses);
    }

    private static CertificateRequest ServerRequest(ECDsa key, string[] dnsNames, IPAddress[] ipAddresses)
    {
        var subject = dnsNames.FirstOrDefault() ?? ipAddresses.FirstOrDefault()?.ToString() ?? "localhost";
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);

        var san = new SubjectAlternativeNameBuilder();
        foreach (var dnsName in dnsNames)
            san.AddDnsName(dnsName);
        foreach (var ipAddress in ipAddresses)
            san.AddIpAddress(ipAddress);

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuthentication], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    private static X509Certificate2 WithPrivateKey(X509Certificate2 certificate, ECDsa key)
    {
        using var withKey = certificate.CopyWithPrivateKey(key);
        return Reimport(withKey);
    }

    // A certificate straight from CertificateRequest holds an ephemeral key; going through PKCS#12
    // gives the form every TLS stack accepts (Windows' SChannel refuses ephemeral keys outright).
    private static X509Certificate2 Reimport(X509Certificate2 certificate) =>
        X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable);

    private static (string[] DnsNames, IPAddress[] IpAddresses) Split(string[] names)
    {
        var ipAddresses = names.Select(n => IPAddress.TryParse(n, out var ip) ? ip : null).OfType<IPAddress>().ToArray();
        var dnsNames = names.Where(n => !IPAddress.TryParse(n, out _)).ToArray();
        return (dnsNames, ipAddresses);
    }
}
