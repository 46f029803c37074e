namespace IsItDownBot.Core.Alerts;

/// <summary>Wakes the dispatcher when the monitor has queued alerts, so they go out at once rather than at the next poll.</summary>
public sealed class OutboxSignal
{
    private TaskCompletionSource _pending = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Notify() => Volatile.Read(ref _pending).TrySetResult();

    /// <summary>
    /// Waits for a signal or the timeout. The signal is reset on waking, before the caller drains the outbox:
    /// a notification that comes later wakes the next wait, and one that came earlier is covered by the drain.
    /// </summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        var pending = Volatile.Read(ref _pending);
        try
        {
            await pending.Task.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Time to poll anyway.
        }

        if (pending.Task.IsCompleted)
        {
            Interlocked.CompareExchange(ref _pending, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), pending);
        }
    }
}
