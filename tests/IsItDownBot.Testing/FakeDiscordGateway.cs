using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Testing;

/// <summary>
/// Discord's Gateway v10 on loopback (ws://, JSON, no compression) for the real gateway client. It greets with
/// HELLO, acknowledges heartbeats, answers IDENTIFY with READY (or closes 4004 for a wrong token) and RESUME with
/// the missed dispatches then RESUMED, records every frame the client sends, and lets a test script Discord's
/// behaviour: dispatch events, RECONNECT, INVALID_SESSION, withheld ACKs, dropped connections and close codes.
/// </summary>
/// <remarks>One session at a time, as one shard sees. Dispatches made while no connection has a session are kept
/// and replayed on RESUME, as Discord does.</remarks>
public sealed class FakeDiscordGateway : IAsyncDisposable
{
    private static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    private readonly Lock _gate = new();
    // Every frame the server writes goes through this, so replays, RESUMED and new dispatches keep their order.
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();

    // Guarded by _gate.
    private readonly List<JsonObject> _received = [];
    private readonly List<(Func<JsonObject, bool> Match, TaskCompletionSource<JsonObject> Done)> _frameWaiters = [];
    private readonly List<(int Sequence, string EventName, JsonNode? Data)> _events = [];
    private Connection? _current;
    private TaskCompletionSource _sessionReady = NewSignal();
    private string? _sessionId;
    private int _sequence;
    private int _connections;
    private int _identifies;
    private int _resumes;
    private int _sessionsStarted;

    private LoopbackHttpsServer? _server;

    private FakeDiscordGateway(string token, string applicationId)
    {
        Token = token;
        ApplicationId = applicationId;
    }

    public string Token { get; }

    public string ApplicationId { get; }

    /// <summary>ws://127.0.0.1:port, also sent as READY's resume_gateway_url.</summary>
    public string Url => _server is { } server ? $"ws://127.0.0.1:{server.Port}" : throw new InvalidOperationException("Not started.");

    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(41.25);

    /// <summary>False withholds HEARTBEAT_ACK, so the client sees a zombie connection.</summary>
    public bool AcknowledgeHeartbeats { get; set; } = true;

    /// <summary>Every frame the client sent, in order, over all connections. Holds the token: do not print it in real logs.</summary>
    public IReadOnlyList<JsonObject> Received
    {
        get { lock (_gate) return [.. _received]; }
    }

    /// <summary>WebSocket connections accepted so far.</summary>
    public int Connections
    {
        get { lock (_gate) return _connections; }
    }

    public int Identifies
    {
        get { lock (_gate) return _identifies; }
    }

    public int Resumes
    {
        get { lock (_gate) return _resumes; }
    }

    /// <summary>The current session (from the last READY), or null.</summary>
    public string? SessionId
    {
        get { lock (_gate) return _sessionId; }
    }

    public static async Task<FakeDiscordGateway> StartAsync(string token = "TEST.TOKEN.VALUE", string applicationId = "900000000000000001")
    {
        var fake = new FakeDiscordGateway(token, applicationId);
        fake._server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, fake.HandleAsync).ConfigureAwait(false);
        return fake;
    }

    /// <summary>The first frame the client sent that matches, whether already received or yet to come.</summary>
    public async Task<JsonObject> WaitForFrameAsync(Func<JsonObject, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        TaskCompletionSource<JsonObject> done;
        lock (_gate)
        {
            if (_received.FirstOrDefault(match) is { } seen)
                return seen;
            done = new TaskCompletionSource<JsonObject>(TaskCreationOptions.RunContinuationsAsynchronously);
            _frameWaiters.Add((match, done));
        }

        return await done.Task.WaitAsync(timeout ?? DefaultWaitTimeout).ConfigureAwait(false);
    }

    /// <summary>Until READY or RESUMED has been sent on the current connection (or the next one, if none is up).</summary>
    public Task WaitForSessionAsync(TimeSpan? timeout = null)
    {
        Task ready;
        lock (_gate)
            ready = _sessionReady.Task;
        return ready.WaitAsync(timeout ?? DefaultWaitTimeout);
    }

    /// <summary>Sends op 0 with the next sequence if a connection has a session; otherwise keeps it for the RESUME replay.</summary>
    public async Task DispatchAsync(string eventName, JsonNode data)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            Connection? target;
            int sequence;
            lock (_gate)
            {
                sequence = ++_sequence;
                _events.Add((sequence, eventName, data.DeepClone()));
                target = _current is { HasSession: true } current ? current : null;
            }

            if (target is not null)
                await SendUnlockedAsync(target, DispatchFrame(eventName, data, sequence)).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public Task SendReconnectAsync() => SendToCurrentAsync(new JsonObject { ["op"] = 7, ["d"] = null });

    /// <summary>op 9. Not resumable also forgets the session, so a RESUME afterwards is refused.</summary>
    public Task SendInvalidSessionAsync(bool resumable)
    {
        if (!resumable)
        {
            lock (_gate)
                _sessionId = null;
        }

        return SendToCurrentAsync(new JsonObject { ["op"] = 9, ["d"] = resumable });
    }

    /// <summary>Aborts the TCP connection without a close frame, as a network failure would.</summary>
    public Task DropAsync()
    {
        Connection? current;
        lock (_gate)
        {
            current = _current;
            _current = null;
            ResetSessionSignal();
        }

        current?.Context.Abort();
        return Task.CompletedTask;
    }

    /// <summary>Closes the current connection with a close frame carrying <paramref name="closeCode"/> (e.g. 4004).</summary>
    public async Task CloseAsync(int closeCode, string reason = "")
    {
        Connection? current;
        lock (_gate)
            current = _current;
        if (current is not null)
            await CloseConnectionAsync(current, closeCode, reason).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_server is not null)
            await _server.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
        _sendLock.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (context.Request.Query["v"] != "10" || context.Request.Query["encoding"] != "json")
        {
            // Discord refuses other versions at the close level; so does the fake, to catch a wrong URL.
            using var refused = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
            await refused.CloseAsync((WebSocketCloseStatus)4012, "Invalid API version", CancellationToken.None).ConfigureAwait(false);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        var connection = new Connection(context, socket);
        lock (_gate)
        {
            _connections++;
            _current = connection;
            if (_sessionReady.Task.IsCompleted)
                ResetSessionSignal();
        }

        try
        {
            await SendAsync(connection, new JsonObject { ["op"] = 10, ["d"] = new JsonObject { ["heartbeat_interval"] = HeartbeatInterval.TotalMilliseconds } }).ConfigureAwait(false);
            while (await ReceiveAsync(socket).ConfigureAwait(false) is { } text)
            {
                JsonObject? frame;
                try
                {
                    frame = JsonNode.Parse(text) as JsonObject;
                }
                catch (JsonException)
                {
                    frame = null;
                }

                if (frame is null)
                {
                    // Discord closes with 4002 (decode error) on a frame it cannot read.
                    await CloseConnectionAsync(connection, 4002, "Error while decoding payload").ConfigureAwait(false);
                    continue;
                }

                Record(frame);
                await OnFrameAsync(connection, frame).ConfigureAwait(false);
            }

            if (socket.State == WebSocketState.CloseReceived)
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The client went away, the test dropped the connection, or the fake is stopping.
        }
        finally
        {
            lock (_gate)
            {
                if (_current == connection)
                {
                    _current = null;
                    ResetSessionSignal();
                }
            }
        }
    }

    private async Task OnFrameAsync(Connection connection, JsonObject frame)
    {
        var op = frame["op"]?.GetValueKind() == JsonValueKind.Number ? frame["op"]!.GetValue<int>() : -1;
        var d = frame["d"] as JsonObject;
        switch (op)
        {
            case 1:
                if (AcknowledgeHeartbeats)
                    await SendAsync(connection, new JsonObject { ["op"] = 11 }).ConfigureAwait(false);
                break;

            case 2:
                lock (_gate)
                    _identifies++;
                if (d?["token"]?.ToString() != Token)
                {
                    await CloseConnectionAsync(connection, 4004, "Authentication failed.").ConfigureAwait(false);
                    break;
                }

                await StartSessionAsync(connection).ConfigureAwait(false);
                break;

            case 6:
                lock (_gate)
                    _resumes++;
                if (d?["token"]?.ToString() != Token)
                {
                    await CloseConnectionAsync(connection, 4004, "Authentication failed.").ConfigureAwait(false);
                    break;
                }

                await ResumeSessionAsync(connection, d["session_id"]?.ToString(), d["seq"]?.GetValueKind() == JsonValueKind.Number ? d["seq"]!.GetValue<int>() : 0).ConfigureAwait(false);
                break;

            default:
                // Discord closes with 4001 (unknown opcode).
                await CloseConnectionAsync(connection, 4001, "Unknown opcode.").ConfigureAwait(false);
                break;
        }
    }

    private async Task StartSessionAsync(Connection connection)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            string sessionId;
            int sequence;
            lock (_gate)
            {
                _sessionsStarted++;
                sessionId = $"fake-session-{_sessionsStarted}";
                _sessionId = sessionId;
                _events.Clear();
                _sequence = 0;
                sequence = ++_sequence;
            }

            var ready = new JsonObject
            {
                ["v"] = 10,
                ["user"] = new JsonObject { ["id"] = "900000000000000002", ["username"] = "IsItDown", ["bot"] = true },
                ["session_id"] = sessionId,
                ["resume_gateway_url"] = Url,
                ["application"] = new JsonObject { ["id"] = ApplicationId, ["flags"] = 0 },
                ["guilds"] = new JsonArray(),
            };
            await SendUnlockedAsync(connection, DispatchFrame("READY", ready, sequence)).ConfigureAwait(false);
            MarkSession(connection);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task ResumeSessionAsync(Connection connection, string? sessionId, int seq)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            List<(int Sequence, string EventName, JsonNode? Data)> missed;
            int resumedSequence;
            lock (_gate)
            {
                if (sessionId is null || sessionId != _sessionId)
                {
                    missed = [];
                    resumedSequence = -1;
                }
                else
                {
                    missed = [.. _events.Where(e => e.Sequence > seq)];
                    resumedSequence = ++_sequence;
                }
            }

            if (resumedSequence < 0)
            {
                await SendUnlockedAsync(connection, new JsonObject { ["op"] = 9, ["d"] = false }).ConfigureAwait(false);
                return;
            }

            foreach (var (sequence, eventName, data) in missed)
                await SendUnlockedAsync(connection, DispatchFrame(eventName, data?.DeepClone(), sequence)).ConfigureAwait(false);
            await SendUnlockedAsync(connection, DispatchFrame("RESUMED", null, resumedSequence)).ConfigureAwait(false);
            MarkSession(connection);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private void MarkSession(Connection connection)
    {
        lock (_gate)
        {
            connection.HasSession = true;
            if (_current == connection)
                _sessionReady.TrySetResult();
        }
    }

    private void Record(JsonObject frame)
    {
        lock (_gate)
        {
            _received.Add(frame);
            for (var i = _frameWaiters.Count - 1; i >= 0; i--)
            {
                if (_frameWaiters[i].Match(frame))
                {
                    _frameWaiters[i].Done.TrySetResult(frame);
                    _frameWaiters.RemoveAt(i);
                }
            }
        }
    }

    // Call with _gate held.
    private void ResetSessionSignal()
    {
        if (_sessionReady.Task.IsCompleted)
            _sessionReady = NewSignal();
    }

    private async Task SendToCurrentAsync(JsonObject frame)
    {
        Connection? current;
        lock (_gate)
            current = _current;
        if (current is null)
            throw new InvalidOperationException("No client is connected.");
        await SendAsync(current, frame).ConfigureAwait(false);
    }

    private async Task SendAsync(Connection connection, JsonObject frame)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            await SendUnlockedAsync(connection, frame).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task SendUnlockedAsync(Connection connection, JsonObject frame)
    {
        try
        {
            if (connection.Socket.State == WebSocketState.Open)
                await connection.Socket.SendAsync(Encoding.UTF8.GetBytes(frame.ToJsonString()), WebSocketMessageType.Text, true, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The connection is gone; the client will resume and get the frame replayed if it was a dispatch.
        }
    }

    private async Task CloseConnectionAsync(Connection connection, int closeCode, string reason)
    {
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (connection.Socket.State == WebSocketState.Open)
                await connection.Socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Already gone.
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Sends raw text, e.g. a malformed frame, to the current connection; split into WebSocket frames of
    /// <paramref name="fragmentBytes"/> when given, as Discord splits large payloads.</summary>
    public async Task SendRawAsync(string text, int? fragmentBytes = null)
    {
        Connection? current;
        lock (_gate)
            current = _current ?? throw new InvalidOperationException("No client is connected.");
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            var size = fragmentBytes ?? bytes.Length;
            for (var offset = 0; offset < bytes.Length; offset += size)
            {
                var count = Math.Min(size, bytes.Length - offset);
                await current.Socket.SendAsync(bytes.AsMemory(offset, count), WebSocketMessageType.Text, offset + count >= bytes.Length, _stopping.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private async Task<string?> ReceiveAsync(WebSocket socket)
    {
        var buffer = new byte[4096];
        using var message = new MemoryStream();
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, _stopping.Token).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
                return Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length);
        }
    }

    private static JsonObject DispatchFrame(string eventName, JsonNode? data, int sequence) =>
        new() { ["op"] = 0, ["t"] = eventName, ["s"] = sequence, ["d"] = data?.DeepClone() };

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Connection(HttpContext context, WebSocket socket)
    {
        public HttpContext Context { get; } = context;

        public WebSocket Socket { get; } = socket;

        // Guarded by the fake's _gate.
        public bool HasSession { get; set; }
    }
}
