using System.Globalization;
using System.Net.Http.Headers;

namespace IsItDownBot.Discord.Rest;

/// <summary>
/// Discord's limits as its headers describe them, never hard-coded: each route learns its bucket id
/// from <c>X-RateLimit-Bucket</c>, each bucket (per major parameter) tracks remaining and reset, and a
/// global 429 holds every request that counts toward the global limit.
/// </summary>
internal sealed class DiscordRateLimiter(TimeProvider time)
{
    // Buckets keyed by interaction or webhook token are used once; past this many entries, those whose
    // window is over (which hold no information any more) are dropped.
    private const int PruneThreshold = 1024;

    // A day: far beyond any limit Discord documents, small enough for TimeSpan and timers.
    private const double MaxSeconds = 86_400;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _bucketOfRoute = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BucketState> _buckets = new(StringComparer.Ordinal);
    private DateTimeOffset _globalUntil = DateTimeOffset.MinValue;

    /// <summary>Waits until <paramref name="route"/> may be sent, then takes one request from its bucket.</summary>
    public async Task WaitAsync(DiscordRoute route, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = time.GetUtcNow();
                wait = route.CountsTowardGlobal && _globalUntil > now ? _globalUntil - now : TimeSpan.Zero;
                if (wait <= TimeSpan.Zero && _buckets.TryGetValue(BucketKeyLocked(route), out var bucket) && bucket.ResetAt > now)
                {
                    if (bucket.Remaining <= 0)
                        wait = bucket.ResetAt - now;
                    else
                        bucket.Remaining--; // taken now, so concurrent requests do not all spend the last one
                }
                if (wait <= TimeSpan.Zero)
                    return;
            }
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Learns the route's bucket and its state from a response's headers (any status).</summary>
    public void Update(DiscordRoute route, HttpResponseHeaders headers)
    {
        var bucketId = Header(headers, "X-RateLimit-Bucket");
        var remaining = Number(Header(headers, "X-RateLimit-Remaining"));
        var resetAfter = Number(Header(headers, "X-RateLimit-Reset-After"));
        lock (_gate)
        {
            if (bucketId is not null)
                _bucketOfRoute[route.Key] = bucketId;
            // Reset-After rather than Reset: a relative time needs no agreement between our clock and Discord's.
            if (remaining is { } left && resetAfter is { } after)
                SetLocked(route, (int)Math.Min(left, int.MaxValue), Seconds(after));
        }
    }

    /// <summary>A 429: nothing on this route (or, when global, nothing at all) until <paramref name="retryAfter"/> passes.</summary>
    public void BlockAfter429(DiscordRoute route, TimeSpan retryAfter, bool global)
    {
        lock (_gate)
        {
            if (global)
            {
                var until = time.GetUtcNow() + retryAfter;
                if (until > _globalUntil)
                    _globalUntil = until;
            }
            else
            {
                SetLocked(route, 0, retryAfter);
            }
        }
    }

    private void SetLocked(DiscordRoute route, int remaining, TimeSpan resetAfter)
    {
        var now = time.GetUtcNow();
        if (_buckets.Count >= PruneThreshold)
        {
            foreach (var stale in _buckets.Where(pair => pair.Value.ResetAt <= now).Select(pair => pair.Key).ToList())
                _buckets.Remove(stale);
        }
        _buckets[BucketKeyLocked(route)] = new BucketState { Remaining = remaining, ResetAt = now + resetAfter };
    }

    // Before the first response names the bucket, the route itself stands in for it.
    private string BucketKeyLocked(DiscordRoute route) =>
        (_bucketOfRoute.TryGetValue(route.Key, out var bucketId) ? bucketId : route.Key) + "|" + route.Major;

    /// <summary>Seconds as Discord writes them (fractional), bounded so a garbled value cannot overflow.</summary>
    public static TimeSpan Seconds(double seconds) => TimeSpan.FromSeconds(Math.Clamp(seconds, 0, MaxSeconds));

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static double? Number(string? text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) && value >= 0
            ? value
            : null;

    private sealed class BucketState
    {
        public int Remaining { get; set; }

        public DateTimeOffset ResetAt { get; set; }
    }
}
