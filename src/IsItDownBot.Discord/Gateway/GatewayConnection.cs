using IsItDownBot.Core;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// One WebSocket to the gateway, from connect to close: HELLO, IDENTIFY or RESUME, heartbeats and zombie
/// detection, and the frames in between. It decides nothing beyond itself: it reports how it ended and the client
/// decides whether to resume, identify anew or stop.
/// </summary>
internal sealed class GatewayConnection : IAsyncDisposable
{
    private const double MinHeartbeatMilliseconds = 100;
    private const double MaxHeartbeatMilliseconds = 600_000;

    public const int MaxFrameBytes = 4096;

    // A close frame is a courtesy; a server that does not take it within this time is not waited for.
    private static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(1);
    private static readonly JsonElement NullData = JsonDocument.Parse("null").RootElement;

    private readonly ClientWebSocket _socket;
    private readonly string _token;
    private readonly DiscordOptions _options;
    private readonly GatewaySession _session;
    private readonly GatewayDispatchQueue _dispatches;
    private readonly TimeProvider _time;
    private readonly Func<double> _random;
    private readonly ILogger _logger;
    private readonly GatewaySendLimiter _limiter;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();

    private GatewayConnectionEnd? _end;
    private Task _heartbeats = Task.CompletedTask;
    private volatile bool _awaitingAck;
    private volatile bool _healthy;

    public GatewayConnection(
        ClientWebSocket socket, string token, DiscordOptions options, GatewaySession session, GatewayDispatchQueue dispatches,
        TimeProvider time, Func<double> random, ILogger logger)
    {
        _socket = socket;
        _token = token;
        _options = options;
        _session = session;
        _dispatches = dispatches;
        _time = time;
        _random = random;
        _logger = logger;
        _limiter = new GatewaySendLimiter(time);
    }

    /// <summary>True from READY or RESUMED until the connection ends.</summary>
    public bool Established => _healthy && _end is null;

    public async Task<GatewayConnectionEnd> RunAsync(Uri uri, CancellationToken stopping)
    {
        // Stopping closes with 1000 so Discord shows the bot offline at once, instead of aborting the socket.
        var stop = Task.CompletedTask;
        var onStop = stopping.Register(() => stop = EndAsync(new GatewayConnectionEnd(GatewayEndReason.Stopped), WebSocketCloseStatus.NormalClosure));
        try
        {
            await _socket.ConnectAsync(uri, _lifetime.Token).ConfigureAwait(false);
            var reader = new GatewayMessageReader(_socket);
            while (_end is null)
            {
                var message = await reader.ReadAsync(_lifetime.Token).ConfigureAwait(false);
                if (message is not { } received)
                {
                    var code = (int?)_socket.CloseStatus;
                    await EndAsync(new GatewayConnectionEnd(code is null ? GatewayEndReason.Dropped : GatewayEndReason.ServerClosed, code),
                        (WebSocketCloseStatus)GatewayCloseCodes.ReconnectKeepingSession).ConfigureAwait(false);
                    break;
                }

                await HandleAsync(received).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_end is not null)
        {
            // Ended by us (stop, zombie, RECONNECT): the reason is already recorded.
        }
        catch (Exception exception) when (exception is WebSocketException or InvalidDataException or HttpRequestException or OperationCanceledException)
        {
            GatewayLog.ConnectionFailed(_logger, exception.Message);
            _ = Interlocked.CompareExchange(ref _end, new GatewayConnectionEnd(GatewayEndReason.Dropped), null);
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
            await _heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await onStop.DisposeAsync().ConfigureAwait(false);
            await stop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        return _end! with { Healthy = _healthy };
    }

    public async ValueTask DisposeAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _heartbeats.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _socket.Dispose();
        _lifetime.Dispose();
        _sendLock.Dispose();
    }

    private async Task HandleAsync(GatewayMessage message)
    {
        if (message.Type != WebSocketMessageType.Text)
        {
            GatewayLog.Malformed(_logger, "a binary message; this client asks for JSON without compression");
            return;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(message.Bytes);
        }
        catch (JsonException)
        {
            GatewayLog.Malformed(_logger, "not JSON");
            return;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var opElement)
                || opElement.ValueKind != JsonValueKind.Number || !opElement.TryGetInt32(out var op))
            {
                GatewayLog.Malformed(_logger, "no numeric op");
                return;
            }

            var data = root.TryGetProperty("d", out var d) ? d : NullData;
            switch (op)
            {
                case GatewayOpcodes.Dispatch:
                    OnDispatch(root, data);
                    break;
                case GatewayOpcodes.Heartbeat:
                    // Discord asks for one now, to check on us.
                    await SendHeartbeatAsync().ConfigureAwait(false);
                    break;
                case GatewayOpcodes.HeartbeatAck:
                    _awaitingAck = false;
                    break;
                case GatewayOpcodes.Hello:
                    await OnHelloAsync(data).ConfigureAwait(false);
                    break;
                case GatewayOpcodes.Reconnect:
                    await EndAsync(new GatewayConnectionEnd(GatewayEndReason.ReconnectRequested), (WebSocketCloseStatus)GatewayCloseCodes.ReconnectKeepingSession).ConfigureAwait(false);
                    break;
                case GatewayOpcodes.InvalidSession:
                    var resumable = data.ValueKind == JsonValueKind.True;
                    await EndAsync(new GatewayConnectionEnd(GatewayEndReason.InvalidSession, Resumable: resumable), (WebSocketCloseStatus)GatewayCloseCodes.ReconnectKeepingSession).ConfigureAwait(false);
                    break;
                default:
                    GatewayLog.UnknownOp(_logger, op);
                    break;
            }
        }
    }

    private void OnDispatch(JsonElement root, JsonElement data)
    {
        if (!root.TryGetProperty("t", out var t) || JsonStrings.Read(t) is not { } eventName)
        {
            GatewayLog.Malformed(_logger, "a dispatch without an event name");
            return;
        }

        int? sequence = root.TryGetProperty("s", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var value) ? value : null;
        if (sequence is { } seen)
            _session.Seen(seen);

        if (eventName == "READY")
            OnReady(data);
        else if (eventName == "RESUMED")
        {
            _healthy = true;
            GatewayLog.Resumed(_logger, _session.SessionId);
        }

        _dispatches.Enqueue(new GatewayDispatch(eventName, data.Clone(), sequence));
    }

    private void OnReady(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object
            || !data.TryGetProperty("session_id", out var sessionId) || JsonStrings.Read(sessionId) is not { } id)
        {
            GatewayLog.Malformed(_logger, "READY without a session_id");
            return;
        }

        var resumeUrl = data.TryGetProperty("resume_gateway_url", out var url) ? JsonStrings.Read(url) : null;
        _session.Started(id, resumeUrl);
        _healthy = true;
        GatewayLog.Ready(_logger, id, _options.ShardId, _options.ShardCount);
    }

    private async Task OnHelloAsync(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object || !data.TryGetProperty("heartbeat_interval", out var intervalElement)
            || intervalElement.ValueKind != JsonValueKind.Number || !intervalElement.TryGetDouble(out var milliseconds)
            || milliseconds < MinHeartbeatMilliseconds || milliseconds > MaxHeartbeatMilliseconds)
        {
            // Outside these bounds the value is nonsense (Discord sends about 41 s), and would overflow timers.
            GatewayLog.Malformed(_logger, "HELLO without a heartbeat_interval between 100 ms and 10 min");
            return;
        }

        if (!_heartbeats.IsCompleted)
            return; // a second HELLO changes nothing

        _heartbeats = HeartbeatAsync(TimeSpan.FromMilliseconds(milliseconds), _lifetime.Token);

        var frame = _session.SessionId is { } sessionId
            ? GatewayPayloads.Resume(_token, sessionId, _session.Sequence)
            : GatewayPayloads.Identify(_token, DiscordGatewayClient.IntentsFor(_options), _options.ShardId, _options.ShardCount);
        await SendAsync(frame, _session.SessionId is null ? GatewayOpcodes.Identify : GatewayOpcodes.Resume).ConfigureAwait(false);
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            // The random first beat spreads many clients' heartbeats after a Discord restart.
            await Task.Delay(interval * _random(), _time, cancellationToken).ConfigureAwait(false);
            while (true)
            {
                if (_awaitingAck)
                {
                    GatewayLog.Zombie(_logger);
                    await EndAsync(new GatewayConnectionEnd(GatewayEndReason.Zombie), (WebSocketCloseStatus)GatewayCloseCodes.ReconnectKeepingSession).ConfigureAwait(false);
                    return;
                }

                await SendHeartbeatAsync().ConfigureAwait(false);
                await Task.Delay(interval, _time, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // The connection is ending; the receive loop reports why.
        }
    }

    private Task SendHeartbeatAsync()
    {
        _awaitingAck = true;
        return SendAsync(GatewayPayloads.Heartbeat(_session.Sequence), GatewayOpcodes.Heartbeat);
    }

    private async Task SendAsync(byte[] frame, int op)
    {
        if (frame.Length > MaxFrameBytes)
        {
            GatewayLog.FrameTooLarge(_logger, op, frame.Length);
            return;
        }

        // ClientWebSocket allows one send at a time; heartbeats and the receive loop both send.
        await _sendLock.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            await _limiter.WaitAsync(_lifetime.Token).ConfigureAwait(false);
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, _lifetime.Token).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Records why the connection ends (the first reason wins), says goodbye with a close frame, and stops
    /// the loops. Any code but 1000/1001 keeps the session resumable.</summary>
    private async Task EndAsync(GatewayConnectionEnd end, WebSocketCloseStatus closeStatus)
    {
        if (Interlocked.CompareExchange(ref _end, end, null) is not null)
            return;

        try
        {
            using var timeout = new CancellationTokenSource(CloseTimeout, _time);
            if (await _sendLock.WaitAsync(CloseTimeout).ConfigureAwait(false))
            {
                try
                {
                    if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
                        await _socket.CloseOutputAsync(closeStatus, statusDescription: null, timeout.Token).ConfigureAwait(false);
                }
                finally
                {
                    _sendLock.Release();
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Best effort: the socket is going away either way.
        }
        finally
        {
            await _lifetime.CancelAsync().ConfigureAwait(false);
        }
    }
}
