using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Tests.Faults;

/// <summary>
/// A resolver on loopback (UDP) that answers every query with garbage: the query's id followed by seeded random
/// bytes, so that a client matching answers by id reads them, of random length (shorter than a header, or with
/// counts that promise records the bytes do not hold). Once healed it relays queries to a real resolver.
/// </summary>
internal sealed class GarbageDnsServer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Random _random;
    private readonly IPEndPoint _upstream;
    private readonly Task _serving;
    private int _healed;
    private int _garbageSent;

    public GarbageDnsServer(IPEndPoint upstream, int seed)
    {
        _upstream = upstream;
        _random = new Random(seed);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _serving = ServeAsync();
    }

    public string ResolverSpec => ((IPEndPoint)_socket.LocalEndPoint!).ToString();

    public int GarbageSent => Volatile.Read(ref _garbageSent);

    public void Heal() => Volatile.Write(ref _healed, 1);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _socket.Dispose();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        var buffer = new byte[4096];
        while (!_stopping.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _socket.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), _stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var query = buffer.AsMemory(0, received.ReceivedBytes).ToArray();
            var answer = Volatile.Read(ref _healed) == 1 ? await RelayAsync(query) : Garbage(query);
            if (answer is not null)
            {
                await _socket.SendToAsync(answer, received.RemoteEndPoint, _stopping.Token);
            }
        }
    }

    private byte[] Garbage(byte[] query)
    {
        byte[] answer;
        lock (_random)
        {
            answer = new byte[_random.Next(1, 512)];
            _random.NextBytes(answer);
        }

        // The query's id, and the "response" bit: a client matching by id cannot tell it from an answer.
        if (query.Length >= 2 && answer.Length >= 3)
        {
            answer[0] = query[0];
            answer[1] = query[1];
            answer[2] |= 0x80;
        }

        Interlocked.Increment(ref _garbageSent);
        return answer;
    }

    private async Task<byte[]?> RelayAsync(byte[] query)
    {
        using var relay = new UdpClient(AddressFamily.InterNetwork);
        relay.Connect(_upstream);
        await relay.SendAsync(query, _stopping.Token);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return (await relay.ReceiveAsync(timeout.Token)).Buffer;
        }
        catch (OperationCanceledException) when (!_stopping.IsCancellationRequested)
        {
            return null;
        }
    }
}
