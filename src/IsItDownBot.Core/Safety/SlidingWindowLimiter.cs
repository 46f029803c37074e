using IsItDownBot.Core.Alerts;

namespace IsItDownBot.Core.Safety;

/// <summary>
/// At most <see cref="RateWindow.Count"/> events per key in any <see cref="RateWindow.Per"/>, on the injected clock
/// (System.Threading.RateLimiting keeps its own, so tests could only time it). Keys idle for a whole window are
/// forgotten, so a flood of distinct senders cannot grow it without bound.
/// </summary>
public sealed class SlidingWindowLimiter(RateWindow window)
{
    // Idle keys are swept once per this many attempts: cheap, and bounded by the senders of one window.
    private const int SweepEvery = 1024;

    private readonly Dictionary<string, Queue<DateTimeOffset>> _events = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private int _attempts;

    /// <summary>Records an event for <paramref name="key"/> if the window allows it; otherwise says how long until it would.</summary>
    public bool TryAcquire(string key, DateTimeOffset now, out TimeSpan retryAfter)
    {
        lock (_lock)
        {
            if (++_attempts % SweepEvery == 0)
            {
                Sweep(now);
            }

            if (!_events.TryGetValue(key, out var events))
            {
                events = new Queue<DateTimeOffset>();
                _events[key] = events;
            }

            while (events.Count > 0 && events.Peek() <= now - window.Per)
            {
                events.Dequeue();
            }

            if (events.Count >= window.Count)
            {
                retryAfter = events.Peek() + window.Per - now;
                return false;
            }

            events.Enqueue(now);
            retryAfter = TimeSpan.Zero;
            return true;
        }
    }

    /// <summary>Takes back the event just recorded for <paramref name="key"/>: a later limit refused the question.</summary>
    public void Release(string key)
    {
        lock (_lock)
        {
            if (_events.TryGetValue(key, out var events) && events.Count > 0)
            {
                // The newest event is the one to remove; a queue only gives the oldest, so rebuild it without the last.
                var kept = events.Take(events.Count - 1).ToList();
                events.Clear();
                foreach (var at in kept)
                {
                    events.Enqueue(at);
                }
            }
        }
    }

    public int TrackedKeys
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, events) in _events.ToList())
        {
            if (events.Count == 0 || events.Last() <= now - window.Per)
            {
                _events.Remove(key);
            }
        }
    }
}
