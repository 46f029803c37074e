using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Fakes;

public sealed class TcpFakesTests
{
    [Fact]
    public async Task Connect_ToClosedPort_IsRefused()
    {
        using var port = new ClosedPort(LoopbackPorts.Address(51));
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);

        var error = await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(port.EndPoint));

        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }

    [Fact]
    public async Task TlsHandshake_WithServerAnsweringGarbage_Fails()
    {
        await using var server = new RawTcpServer(LoopbackPorts.Address(52), RawTcpServer.WriteThenClose(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\n\r\n")));
        using var client = new TcpClient();
        await client.ConnectAsync(server.EndPoint);
        await using var tls = new SslStream(client.GetStream());

        var error = await Record.ExceptionAsync(() => tls.AuthenticateAsClientAsync("www.example.com"));

        Assert.True(error is AuthenticationException or IOException, $"unexpected {error}");
        Assert.Equal(1, server.ConnectionCount);
    }

    // The kernel drops SYNs to a port whose accept queue is full, so the connect cannot complete
    // however long we wait; the cancellation delay only sets how long the test takes.
    [Fact]
    public async Task Connect_ToUnresponsivePort_StaysPendingUntilTheClientGivesUp()
    {
        var ports = new List<UnresponsiveTcpPort>();
        try
        {
            for (var i = 0; i < 3; i++)
                ports.Add(await UnresponsiveTcpPort.StartAsync(LoopbackPorts.Address(53 + i)));

            var attempts = ports.Select(async port =>
            {
                using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
                await socket.ConnectAsync(port.EndPoint, giveUp.Token);
            });

            foreach (var attempt in attempts.ToList())
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => attempt);
        }
        finally
        {
            foreach (var port in ports)
                await port.DisposeAsync();
        }
    }

    [Fact]
    public void FindFreePort_ForSeveralAddresses_ReturnsPortBindableOnAll()
    {
        var addresses = new[] { LoopbackPorts.Address(61), LoopbackPorts.Address(62) };
        var port = LoopbackPorts.FindFreePort(addresses);

        foreach (var address in addresses)
        {
            using var udp = new Socket(SocketType.Dgram, ProtocolType.Udp);
            using var tcp = new Socket(SocketType.Stream, ProtocolType.Tcp);
            udp.Bind(new System.Net.IPEndPoint(address, port));
            tcp.Bind(new System.Net.IPEndPoint(address, port));
        }
    }

    [Fact]
    public void TestCertificateAuthority_WritesRootPemAndDeletesItOnDispose()
    {
        string path;
        using (var ca = new ThrowawayCertificateAuthority())
        {
            path = ca.RootPemPath;
            using var issued = ca.IssueValid("www.example.com");

            Assert.StartsWith("-----BEGIN CERTIFICATE-----", File.ReadAllText(path), StringComparison.Ordinal);
            Assert.True(issued.HasPrivateKey);
            Assert.Equal(ca.Root.Subject, issued.Issuer);
        }

        Assert.False(File.Exists(path));
    }
}
