namespace IsItDownBot.Core.Alerts;

/// <summary>
/// Spaces sends so that no window of a platform's limits is exceeded: each send reserves the earliest moment
/// every window allows. Reservations are handed out in time order (never earlier than the previous one), which
/// keeps each window's log sorted and the check exact; callers order their batch so one busy channel does not
/// hold up the others. Hand-written because System.Threading.RateLimiting keeps its own clock, and pacing
/// must follow the injected <see cref="TimeProvider"/> so that tests count sends instead of timing them.
/// </summary>
public sealed class PacingLimiter
{
    // Channels idle for longer than every window are forgotten, checked once per this many reservations.
    private const int PruneEvery = 4096;

    private readonly IReadOnlyList<RateWindow> _overall;
    private readonly IReadOnlyList<RateWindow> _perChannel;
    private readonly Queue<DateTimeOffset>[] _overallSends;
    private readonly Dictionary<string, Queue<DateTimeOffset>[]> _channelSends = new(StringComparer.Ordinal);
    private readonly TimeSpan _longestWindow;
    private readonly Lock _lock = new();
    private DateTimeOffset _lastReserved = DateTimeOffset.MinValue;
    private int _reservations;

    public PacingLimiter(PlatformLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        _overall = limits.Overall;
        _perChannel = limits.PerChannel;
        _overallSends = [.. _overall.Select(_ => new Queue<DateTimeOffset>())];
        _longestWindow = _overall.Concat(_perChannel).Select(window => window.Per).DefaultIfEmpty(TimeSpan.Zero).Max();
    }

    /// <summary>Reserves a send to <paramref name="channel"/> and returns when it may happen (now, or later).</summary>
    public DateTimeOffset Reserve(string channel, DateTimeOffset now)
    {
        lock (_lock)
        {
            if (!_channelSends.TryGetValue(channel, out var channelSends))
            {
                channelSends = [.. _perChannel.Select(_ => new Queue<DateTimeOffset>())];
                _channelSends[channel] = channelSends;
            }

            var at = Max(now, _lastReserved);
            at = Max(at, EarliestAllowed(_overall, _overallSends, at));
            at = Max(at, EarliestAllowed(_perChannel, channelSends, at));
            Record(_overallSends, at);
            Record(channelSends, at);
            _lastReserved = at;

            if (++_reservations % PruneEvery == 0)
            {
                Prune(now);
            }

            return at;
        }
    }

    /// <summary>Number of channels currently remembered.</summary>
    public int TrackedChannels
    {
        get
        {
            lock (_lock)
            {
                return _channelSends.Count;
            }
        }
    }

    private static DateTimeOffset EarliestAllowed(IReadOnlyList<RateWindow> windows, Queue<DateTimeOffset>[] sends, DateTimeOffset now)
    {
        var at = now;
        for (var i = 0; i < windows.Count; i++)
        {
            var window = windows[i];
            var queue = sends[i];
            while (queue.Count > 0 && queue.Peek() <= now - window.Per)
            {
                queue.Dequeue();
            }

            // The queue holds the sends of the last window, in order; with Count of them, the next may go only
            // when the oldest of the last Count leaves the window.
            if (queue.Count >= window.Count)
            {
                at = Max(at, queue.ElementAt(queue.Count - window.Count) + window.Per);
            }
        }

        return at;
    }

    private static void Record(Queue<DateTimeOffset>[] sends, DateTimeOffset at)
    {
        foreach (var queue in sends)
        {
            queue.Enqueue(at);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (channel, sends) in _channelSends.ToList())
        {
            if (sends.All(queue => queue.Count == 0 || queue.Last() <= now - _longestWindow))
            {
                _channelSends.Remove(channel);
            }
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
