using System.Buffers;
using System.Net.WebSockets;

namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// Reads whole WebSocket messages: Discord splits large payloads (READY in a big bot, GUILD_CREATE) across
/// several frames, and a JSON parser needs the message, not a frame.
/// </summary>
internal sealed class GatewayMessageReader(WebSocket socket, int maxMessageBytes = GatewayMessageReader.DefaultMaxMessageBytes)
{
    // Far above any real payload; it only stops a broken server from growing our memory without end.
    public const int DefaultMaxMessageBytes = 64 * 1024 * 1024;

    private const int ChunkBytes = 16 * 1024;

    private readonly ArrayBufferWriter<byte> _buffer = new(ChunkBytes);

    /// <summary>The next message (valid until the next call), or null when the peer sent a close frame.</summary>
    /// <exception cref="InvalidDataException">The message is larger than the limit.</exception>
    public async Task<GatewayMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        _buffer.ResetWrittenCount();
        while (true)
        {
            var result = await socket.ReceiveAsync(_buffer.GetMemory(ChunkBytes), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
                return null;

            _buffer.Advance(result.Count);
            if (_buffer.WrittenCount > maxMessageBytes)
                throw new InvalidDataException($"A gateway message exceeded {maxMessageBytes} bytes.");

            if (result.EndOfMessage)
                return new GatewayMessage(result.MessageType, _buffer.WrittenMemory);
        }
    }
}

internal readonly record struct GatewayMessage(WebSocketMessageType Type, ReadOnlyMemory<byte> Bytes);
