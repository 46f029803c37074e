using System.Collections.Concurrent;

namespace IsItDownBot.Core.Checking;

/// <summary>
/// Caches one value per key for a time-to-live, and lets every concurrent caller of a missing key share a
/// single computation: a thousand people asking at once cause one probe round.
/// </summary>
internal sealed class SingleFlightCache<T>(TimeProvider time, TimeSpan ttl)
{
    // Past this many keys, expired ones are swept so that one-off domains do not accumulate; at most once
    // every SweepEvery new keys, so that a crowd of distinct keys does not make every insert scan them all.
    private const int SweepThreshold = 1024;
    private const int SweepEvery = 256;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _insertsSinceSweep;

    public int Count => _entries.Count;

    /// <param name="notBefore">
    /// A timestamp (of <see cref="TimeProvider.GetTimestamp"/>): a finished value computed from before it counts
    /// as stale, whatever its age. For callers that must not decide on evidence older than their own work.
    /// </param>
    public Task<T> GetOrStartAsync(string key, Func<Task<T>> start, long? notBefore = null) =>
        GetOrStartAsync(key, static start => start(), start, notBefore);

    /// <summary>
    /// As <see cref="GetOrStartAsync(string, Func{Task{T}}, long?)"/>, with the computation's input passed as
    /// <paramref name="state"/>: a static <paramref name="start"/> then costs nothing on a cache hit, where a
    /// lambda capturing its input would be allocated by every caller, hit or miss.
    /// </summary>
    public Task<T> GetOrStartAsync<TState>(string key, Func<TState, Task<T>> start, TState state, long? notBefore = null)
    {
        while (true)
        {
            if (_entries.TryGetValue(key, out var existing))
            {
                var tooOld = notBefore is { } limit && existing.Task.IsCompleted && existing.StartedAt < limit;
                if (!tooOld && !existing.IsExpired(time))
                {
                    return existing.Task;
                }

                var replacement = new Entry(time.GetTimestamp());
                if (_entries.TryUpdate(key, replacement, existing))
                {
                    return replacement.Start(start, state, time, ttl);
                }

                continue;
            }

            var created = new Entry(time.GetTimestamp());
            if (_entries.TryAdd(key, created))
            {
                if (_entries.Count > SweepThreshold && Interlocked.Increment(ref _insertsSinceSweep) >= SweepEvery)
                {
                    Volatile.Write(ref _insertsSinceSweep, 0);
                    Sweep();
                }

                return created.Start(start, state, time, ttl);
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

    private sealed class Entry(long startedAt)
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

        // Written once when the computation ends; until then the entry never expires (callers wait on it).
        private long _expiresAt = long.MaxValue;

        public Task<T> Task => _completion.Task;

        public long StartedAt => startedAt;

        public bool IsExpired(TimeProvider time) => time.GetTimestamp() >= Volatile.Read(ref _expiresAt);

        public Task<T> Start<TState>(Func<TState, Task<T>> start, TState state, TimeProvider time, TimeSpan ttl)
        {
            _ = RunAsync(start, state, time, ttl);
            return _completion.Task;
        }

        private async Task RunAsync<TState>(Func<TState, Task<T>> start, TState state, TimeProvider time, TimeSpan ttl)
        {
            try
            {
                var value = await start(state).ConfigureAwait(false);
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
