using System.Diagnostics;

namespace IsItDownBot.Benchmarks.Fakes;

/// <summary>
/// The limits and the ledger of a fake chat platform: one bucket for the whole bot and one per channel, as the
/// platform enforces them, and every message it accepted, by channel, with when it arrived.
/// </summary>
internal sealed class RateLimitedPlatform(int overall, TimeSpan overallPer, int perChannel, TimeSpan perChannelPer)
{
    private readonly Lock _gate = new();
    private readonly TokenBucket _overall = new(overall, overallPer);
    private readonly Dictionary<string, TokenBucket> _channels = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _accepted = new(StringComparer.Ordinal);
    private readonly List<long> _arrivals = [];
    private int _tooManyRequests;

    public int OverallCapacity => overall;

    public double OverallPerSecond => overall / overallPer.TotalSeconds;

    public int TooManyRequests => Volatile.Read(ref _tooManyRequests);

    /// <summary>Takes a message for <paramref name="channel"/> if both buckets allow it; otherwise, how long to wait and whether the overall limit is the one hit.</summary>
    public Verdict Offer(string channel)
    {
        lock (_gate)
        {
            if (!_channels.TryGetValue(channel, out var bucket))
            {
                bucket = new TokenBucket(perChannel, perChannelPer);
                _channels[channel] = bucket;
            }

            var overallWait = _overall.Wait();
            var channelWait = bucket.Wait();
            if (overallWait > TimeSpan.Zero || channelWait > TimeSpan.Zero)
            {
                _tooManyRequests++;
                return new Verdict(false, overallWait > channelWait ? overallWait : channelWait, overallWait > TimeSpan.Zero, bucket.State());
            }

            _overall.Take();
            bucket.Take();
            _accepted[channel] = _accepted.GetValueOrDefault(channel) + 1;
            _arrivals.Add(Stopwatch.GetTimestamp());
            return new Verdict(true, TimeSpan.Zero, false, bucket.State());
        }
    }

    /// <summary>Messages accepted, channels that got one, channels that got more than one, first and last arrival.</summary>
    public Ledger Read()
    {
        lock (_gate)
        {
            return new Ledger(
                _arrivals.Count,
                _accepted.Count,
                _accepted.Count(pair => pair.Value > 1),
                _arrivals.Count > 0 ? _arrivals[0] : 0,
                _arrivals.Count > 0 ? _arrivals[^1] : 0);
        }
    }

    public sealed record Verdict(bool Accepted, TimeSpan RetryAfter, bool Global, (int Remaining, TimeSpan ResetAfter) Channel);

    public sealed record Ledger(int Accepted, int Channels, int Duplicated, long FirstArrival, long LastArrival)
    {
        public TimeSpan Span => Accepted > 1 ? Stopwatch.GetElapsedTime(FirstArrival, LastArrival) : TimeSpan.Zero;
    }
}
