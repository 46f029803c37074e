namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// Discord closes a connection that sends more than 120 frames in 60 seconds; a sliding window keeps us under it
/// even if a misbehaving server asks for heartbeats in a burst. One per connection, as Discord counts.
/// </summary>
internal sealed class GatewaySendLimiter(TimeProvider time, int limit = GatewaySendLimiter.FramesPerWindow, TimeSpan? window = null)
{
    public const int FramesPerWindow = 120;

    private readonly TimeSpan _window = window ?? TimeSpan.FromSeconds(60);
    private readonly Queue<DateTimeOffset> _sent = new();

    /// <summary>Waits until one more frame fits in the window and counts it. Callers serialise sends, so no lock here.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var now = time.GetUtcNow();
            while (_sent.Count > 0 && now - _sent.Peek() >= _window)
                _sent.Dequeue();

            if (_sent.Count < limit)
            {
                _sent.Enqueue(now);
                return;
            }

            await Task.Delay(_sent.Peek() + _window - now, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
