using IsItDownBot.Core.Alerts;

namespace IsItDownBot.Core.Tests.Alerts;

/// <summary>Pacing is counted on reserved times, never timed.</summary>
public sealed class PacingLimiterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Reserve_ManyChannels_NeverExceedsTheOverallRateInAnyWindow()
    {
        var limiter = new PacingLimiter(PlatformLimits.DefaultsFor("telegram"));

        var slots = Enumerable.Range(0, 300).Select(i => limiter.Reserve($"chat{i}", Now)).ToList();

        Assert.True(MaxInAnyWindow(slots, TimeSpan.FromSeconds(1)) <= 30);

        // ...and uses the whole rate: 300 messages at 30 a second take about 10 seconds, not more.
        Assert.InRange(slots[^1] - Now, TimeSpan.FromSeconds(9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Reserve_OneChatMany_KeepsOneASecondAndTwentyAMinute()
    {
        var limiter = new PacingLimiter(PlatformLimits.DefaultsFor("telegram"));

        var slots = Enumerable.Range(0, 45).Select(_ => limiter.Reserve("-100group", Now)).ToList();

        Assert.True(MaxInAnyWindow(slots, TimeSpan.FromSeconds(1)) <= 1);
        Assert.True(MaxInAnyWindow(slots, TimeSpan.FromMinutes(1)) <= 20);
        Assert.Equal(Now.AddSeconds(19), slots[19]);
        Assert.Equal(Now.AddMinutes(1), slots[20]);
    }

    [Fact]
    public void Reserve_WithoutLimits_AllowsEverythingNow()
    {
        var limiter = new PacingLimiter(new PlatformLimits());

        Assert.All(Enumerable.Range(0, 100).Select(_ => limiter.Reserve("log", Now)), slot => Assert.Equal(Now, slot));
    }

    [Fact]
    public void Reserve_AfterAQuietWindow_StartsAgainAtOnce()
    {
        var limiter = new PacingLimiter(new PlatformLimits { PerChannel = [RateWindow.Of(1, TimeSpan.FromSeconds(1))] });

        limiter.Reserve("a", Now);
        var later = limiter.Reserve("a", Now.AddSeconds(5));

        Assert.Equal(Now.AddSeconds(5), later);
    }

    private static int MaxInAnyWindow(List<DateTimeOffset> slots, TimeSpan window)
    {
        var sorted = slots.Order().ToList();
        var max = 0;
        for (int start = 0, end = 0; end < sorted.Count; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
    }
}
