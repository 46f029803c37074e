using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// Hands dispatches to the handler on one worker, in the order Discord sent them, so the receive loop (and with
/// it heartbeats and ACKs) never waits for a handler. One queue per RunAsync, so order holds across a resume too.
/// A handler's failure is logged and the next dispatch goes on.
/// </summary>
internal sealed partial class GatewayDispatchQueue : IAsyncDisposable
{
    private readonly Channel<GatewayDispatch> _queue = Channel.CreateUnbounded<GatewayDispatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly Func<GatewayDispatch, CancellationToken, Task> _handler;
    private readonly ILogger _logger;
    private readonly Task _worker;

    public GatewayDispatchQueue(Func<GatewayDispatch, CancellationToken, Task> handler, ILogger logger, CancellationToken stopping)
    {
        _handler = handler;
        _logger = logger;
        _worker = Task.Run(() => RunAsync(stopping), CancellationToken.None);
    }

    public void Enqueue(GatewayDispatch dispatch) => _queue.Writer.TryWrite(dispatch);

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _worker.ConfigureAwait(false);
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        try
        {
            await foreach (var dispatch in _queue.Reader.ReadAllAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    await _handler(dispatch, stopping).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // Any handler failure: one bad event must not end the session.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    LogHandlerFailed(_logger, exception, dispatch.EventName, dispatch.Sequence);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopping: dispatches not yet handled are dropped, as Discord would not replay them to a new session either.
        }
    }

    [LoggerMessage(EventId = 560, Level = LogLevel.Error, Message = "Discord gateway: handling {EventName} (sequence {Sequence}) failed")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string eventName, int? sequence);
}
