using System.Diagnostics;

namespace IsItDownBot.Benchmarks.Fakes;

/// <summary>
/// A platform's limit as the platform enforces it: up to <c>capacity</c> requests at once, refilled evenly over
/// <c>per</c>. Not thread-safe: the fake platform holds its lock around every bucket.
/// </summary>
internal sealed class TokenBucket(int capacity, TimeSpan per)
{
    private readonly double _perSecond = capacity / per.TotalSeconds;
    private double _tokens = capacity;
    private long _refilledAt = Stopwatch.GetTimestamp();

    public int Capacity => capacity;

    /// <summary>How long until a token is there (zero when one is there now).</summary>
    public TimeSpan Wait()
    {
        Refill();
        return _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / _perSecond);
    }

    public void Take() => _tokens -= 1;

    /// <summary>Tokens left, rounded down, and when the bucket is full again: what Discord's headers report.</summary>
    public (int Remaining, TimeSpan ResetAfter) State()
    {
        Refill();
        return ((int)Math.Floor(_tokens), TimeSpan.FromSeconds((capacity - _tokens) / _perSecond));
    }

    private void Refill()
    {
        var now = Stopwatch.GetTimestamp();
        _tokens = Math.Min(capacity, _tokens + (Stopwatch.GetElapsedTime(_refilledAt, now).TotalSeconds * _perSecond));
        _refilledAt = now;
    }
}
