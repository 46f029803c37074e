using System.Collections.Concurrent;

namespace IsItDownBot.Core.Checking;

/// <summary>
/// Caches one value per key for a time-to-live, and lets every concurrent caller of a missing key share a
/// single computation: a thousand people asking at once cause one probe round.
/// </summary>
internal sealed class SingleFlightCache<T>(TimeProvider time, TimeSpan ttl)
{
    // Past this many keys, expired ones are swept so that one-off domains do not accumulate.
    private const int SweepThreshold = 1024;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public int Count => _entries.Count;

    public Task<T> GetOrStartAsync(string key, Func<Task<T>> start)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                if (!existing.IsExpired(time))
                {
                    return existing.Task;
                }

                var replacement = new Entry();
                if (_entries.TryUpdate(key, replacement, existing))
                {
                    return replacement.Start(start, time, ttl);
                }

                continue;
            }

            var created = new Entry();
            if (_entries.TryAdd(key, created))
            {
                if (_entries.Count > SweepThreshold)
                {
                    Sweep();
                }

                return created.Start(start, time, ttl);
            }
        }
    }

    private void Sweep()
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.IsExpired(time))
            {
                _entries.TryRemove(pair);
            }
        }
    }

    private sealed class Entry
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Written once when the computation ends; until then the entry never expires (callers wait on it).
        private long _expiresAt = long.MaxValue;

        public Task<T> Task => _completion.Task;

        public bool IsExpired(TimeProvider time) => time.GetTimestamp() >= Volatile.Read(ref _expiresAt);

        public Task<T> Start(Func<Task<T>> start, TimeProvider time, TimeSpan ttl)
        {
            _ = RunAsync(start, time, ttl);
            return _completion.Task;
        }

        private async Task RunAsync(Func<Task<T>> start, TimeProvider time, TimeSpan ttl)
        {
            try
            {
                var value = await start().ConfigureAwait(false);
                Volatile.Write(ref _expiresAt, time.GetTimestamp() + (long)(ttl.TotalSeconds * time.TimestampFrequency));
                _completion.SetResult(value);
            }
            catch (Exception exception)
            {
                // A failure is not cached: the next caller starts afresh.
                Volatile.Write(ref _expiresAt, long.MinValue);
                _completion.SetException(exception);
            }
        }
    }
}
