using System.Net;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Probing;

/// <summary>
/// An evidence source on loopback (HTTPS, certificate from a throw-away CA) and the real evidence client,
/// told to trust that CA the way <c>IsItDown:Probes:TrustedCaFile</c> does.
/// </summary>
internal sealed class EvidenceSource : IAsyncDisposable
{
    public const string UserAgent = "IsItDownBot-Test/1.0";

    private readonly ThrowawayCertificateAuthority _authority;

    private EvidenceSource(ThrowawayCertificateAuthority authority, LoopbackHttpsServer server)
    {
        _authority = authority;
        Server = server;
        Client = new EvidenceHttpClient(new CertificateTrust(Options.Create(ProbeOptions), TimeProvider.System), Options.Create(ProbeOptions));
    }

    public LoopbackHttpsServer Server { get; }

    public EvidenceHttpClient Client { get; }

    /// <summary>https://127.0.0.1:port/: the certificate names the address, so no DNS is involved.</summary>
    public Uri Root => Server.UriFor(IPAddress.Loopback.ToString());

    private ProbeOptions ProbeOptions => new() { TrustedCaFile = _authority.RootPemPath, UserAgent = UserAgent };

    /// <param name="certificate">The server's certificate; by default one the CA issued for 127.0.0.1.</param>
    public static async Task<EvidenceSource> StartAsync(RequestDelegate handler, Func<ThrowawayCertificateAuthority, System.Security.Cryptography.X509Certificates.X509Certificate2>? certificate = null)
    {
        var authority = new ThrowawayCertificateAuthority();
        var issued = certificate?.Invoke(authority) ?? authority.IssueValid(IPAddress.Loopback.ToString());
        var server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, issued, handler);
        return new EvidenceSource(authority, server);
    }

    /// <summary>A token cancelled soon: long enough for a loopback answer, short enough to end a hanging one.</summary>
    public static CancellationTokenSource ShortDeadline() => new(TimeSpan.FromMilliseconds(500));

    /// <summary>A deadline no healthy loopback answer gets near, even on a busy machine.</summary>
    public static CancellationTokenSource Deadline() => new(TimeSpan.FromSeconds(20));

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        _authority.Dispose();
    }
}
