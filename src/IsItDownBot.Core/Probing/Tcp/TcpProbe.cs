using System.Net;
using System.Net.Sockets;

namespace IsItDownBot.Core.Probing.Tcp;

/// <summary>Opens one TCP connection to an address DNS returned, and closes it.</summary>
public sealed class TcpProbe(TimeProvider time)
{
    public async Task<ProbeResult> ProbeAsync(string endpoint, IPEndPoint target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var started = time.GetTimestamp();
        try
        {
            using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
            return new ProbeResult(endpoint, ProbeKind.Tcp, target.ToString(), ProbeOutcome.Ok, time.GetElapsedTime(started), "connected")
            {
                TcpTarget = target,
            };
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(endpoint, ProbeKind.Tcp, target.ToString(), ProbeOutcome.Timeout, time.GetElapsedTime(started),
                "no answer to the connection request") { TcpTarget = target };
        }
        catch (SocketException exception)
        {
            var outcome = exception.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => ProbeOutcome.ConnectionRefused,
                SocketError.TimedOut => ProbeOutcome.Timeout,
                _ => ProbeOutcome.Unreachable,
            };
            var detail = outcome switch
            {
                ProbeOutcome.ConnectionRefused => "connection refused",
                ProbeOutcome.Timeout => "no answer to the connection request",
                _ => $"unreachable ({exception.SocketErrorCode})",
            };
            return new ProbeResult(endpoint, ProbeKind.Tcp, target.ToString(), outcome, time.GetElapsedTime(started), detail)
            {
                TcpTarget = target,

                // Refused by the machine's own routing table or stack, not by anything on the way to the server.
                NoRouteFromHere = exception.SocketErrorCode is SocketError.NetworkUnreachable or SocketError.AddressFamilyNotSupported,
            };
        }
    }
}
