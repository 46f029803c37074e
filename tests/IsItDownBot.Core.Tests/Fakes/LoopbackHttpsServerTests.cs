using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Fakes;

public sealed class LoopbackHttpsServerTests
{
    private static readonly TimeSpan Generous = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Get_WithCertificateFromTrustedCa_Succeeds()
    {
        using var ca = new ThrowawayCertificateAuthority();
        using var certificate = ca.IssueValid("www.example.com");
        await using var server = await LoopbackHttpsServer.StartAsync(
            LoopbackPorts.Address(41), certificate, LoopbackHttpsServer.Respond(204, "fake/1.0"));
        var probe = new TlsProbe(server.EndPoint, ca.Root);

        using var response = await probe.Client.GetAsync(server.UriFor("www.example.com"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("fake/1.0", response.Headers.Server.ToString());
        Assert.Equal(SslPolicyErrors.None, probe.Errors);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task Get_WithExpiredCertificate_FailsValidationAsNotTimeValid()
    {
        using var ca = new ThrowawayCertificateAuthority();
        using var certificate = ca.IssueExpired("www.example.com");
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(41), certificate, LoopbackHttpsServer.Respond(200));
        var probe = new TlsProbe(server.EndPoint, ca.Root);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => probe.Client.GetAsync(server.UriFor("www.example.com")));

        Assert.IsType<AuthenticationException>(error.InnerException);
        Assert.Contains(X509ChainStatusFlags.NotTimeValid, probe.ChainStatus);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task Get_WithNotYetValidCertificate_FailsValidationAsNotTimeValid()
    {
        using var ca = new ThrowawayCertificateAuthority();
        using var certificate = ca.IssueNotYetValid("www.example.com");
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(41), certificate, LoopbackHttpsServer.Respond(200));
        var probe = new TlsProbe(server.EndPoint, ca.Root);

        await Assert.ThrowsAsync<HttpRequestException>(() => probe.Client.GetAsync(server.UriFor("www.example.com")));

        Assert.Contains(X509ChainStatusFlags.NotTimeValid, probe.ChainStatus);
    }

    [Fact]
    public async Task Get_WithSelfSignedCertificate_FailsValidationAsUntrusted()
    {
        using var ca = new ThrowawayCertificateAuthority();
        using var certificate = ThrowawayCertificateAuthority.SelfSigned("www.example.com");
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(41), certificate, LoopbackHttpsServer.Respond(200));
        var probe = new TlsProbe(server.EndPoint, ca.Root);

        await Assert.ThrowsAsync<HttpRequestException>(() => probe.Client.GetAsync(server.UriFor("www.example.com")));

        Assert.Equal(SslPolicyErrors.RemoteCertificateChainErrors, probe.Errors);
    }

    [Fact]
    public async Task Get_ForNameNotInCertificate_FailsValidationAsNameMismatch()
    {
        using var ca = new ThrowawayCertificateAuthority();
        using var certificate = ca.IssueValid("www.example.com", "127.0.0.41");
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(41), certificate, LoopbackHttpsServer.Respond(200));
        var probe = new TlsProbe(server.EndPoint, ca.Root);

        await Assert.ThrowsAsync<HttpRequestException>(() => probe.Client.GetAsync(server.UriFor("other.example.com")));
        using var byAddress = await probe.Client.GetAsync(server.UriFor("127.0.0.41"));

        Assert.Equal(HttpStatusCode.OK, byAddress.StatusCode);
    }

    [Fact]
    public async Task Get_WithoutCertificate_ServesPlainHttp()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(42), null, LoopbackHttpsServer.Respond(503));
        using var client = new HttpClient();

        using var response = await client.GetAsync(server.UriFor("127.0.0.42"));

        Assert.Equal("http", server.UriFor("x").Scheme);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task Get_ToRespondAfter_AnswersOnceTheDelayHasPassed()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(
            LoopbackPorts.Address(42), null, LoopbackHttpsServer.RespondAfter(TimeSpan.FromMilliseconds(50), 200));
        using var client = new HttpClient();

        using var response = await client.GetAsync(server.UriFor("127.0.0.42"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_ToHangingServer_IsHeldUntilTheClientGivesUp()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(42), null, LoopbackHttpsServer.Hang());
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var giveUp = new CancellationTokenSource();
        var request = client.GetAsync(server.UriFor("127.0.0.42"), giveUp.Token);
        await WhenReceived(server);

        Assert.False(request.IsCompleted);
        await giveUp.CancelAsync();

        await Assert.ThrowsAsync<TaskCanceledException>(() => request.WaitAsync(Generous));
    }

    [Fact]
    public async Task Dispose_WhileRequestHangs_StopsAndDropsTheConnection()
    {
        var server = await LoopbackHttpsServer.StartAsync(LoopbackPorts.Address(42), null, LoopbackHttpsServer.Hang());
        using var client = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var request = client.GetAsync(server.UriFor("127.0.0.42"));
        await WhenReceived(server);

        await server.DisposeAsync().AsTask().WaitAsync(Generous);

        await Assert.ThrowsAsync<HttpRequestException>(() => request.WaitAsync(Generous));
    }

    private static async Task WhenReceived(LoopbackHttpsServer server)
    {
        using var timeout = new CancellationTokenSource(Generous);
        while (server.RequestCount == 0)
            await Task.Delay(10, timeout.Token);
    }

    /// <summary>HttpClient as a probe would use it: connects to the fake whatever the host name, and
    /// validates the certificate against the test CA only, recording what it saw.</summary>
    private sealed class TlsProbe
    {
        public TlsProbe(IPEndPoint endPoint, X509Certificate2 root)
        {
            var handler = new SocketsHttpHandler
            {
                ConnectCallback = async (_, cancellationToken) =>
                {
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                    try
                    {
                        await socket.ConnectAsync(endPoint, cancellationToken);
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
                    RemoteCertificateValidationCallback = (_, certificate, _, errors) => Validate(certificate, errors, root),
                },
            };
            Client = new HttpClient(handler) { Timeout = Generous };
        }

        public HttpClient Client { get; }

        public SslPolicyErrors Errors { get; private set; }

        public IReadOnlyList<X509ChainStatusFlags> ChainStatus { get; private set; } = [];

        private bool Validate(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2 root)
        {
            // The system chain does not know the test root: keep only the name check from it and
            // build the chain again against the test root alone.
            errors &= ~SslPolicyErrors.RemoteCertificateChainErrors;
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            if (certificate is null || !chain.Build((X509Certificate2)certificate))
                errors |= SslPolicyErrors.RemoteCertificateChainErrors;

            ChainStatus = [.. chain.ChainStatus.Select(s => s.Status)];
            Errors = errors;
            return errors == SslPolicyErrors.None;
        }
    }
}
