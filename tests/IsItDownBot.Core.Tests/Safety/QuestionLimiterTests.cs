using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Safety;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Safety;

public sealed class QuestionLimiterTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero));

    [Fact]
    public void TryQuestion_BeyondThePerUserLimit_RefusesAndSaysWhenToComeBack()
    {
        var limiter = Limiter(perUser: RateWindow.Of(3, TimeSpan.FromMinutes(1)));

        for (var i = 0; i < 3; i++)
        {
            Assert.True(limiter.TryQuestion("telegram", "alice", "chat-1").Allowed);
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        var refused = limiter.TryQuestion("telegram", "alice", "chat-2");

        Assert.False(refused.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.RetryAfter);
        Assert.Equal("Slow down a little: you can ask again in 30 s.", refused.Reply.English);
        Assert.Equal("Doucement : vous pourrez redemander dans 30 s.", refused.Reply.French);
    }

    [Fact]
    public void TryQuestion_WhenTheWindowHasPassed_AllowsAgain()
    {
        var limiter = Limiter(perUser: RateWindow.Of(1, TimeSpan.FromMinutes(1)));
        Assert.True(limiter.TryQuestion("discord", "bob", "c").Allowed);
        Assert.False(limiter.TryQuestion("discord", "bob", "c").Allowed);

        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.True(limiter.TryQuestion("discord", "bob", "c").Allowed);
    }

    [Fact]
    public void TryQuestion_CountsPeopleAndPlatformsApart()
    {
        var limiter = Limiter(perUser: RateWindow.Of(1, TimeSpan.FromMinutes(1)));

        Assert.True(limiter.TryQuestion("telegram", "42", "c").Allowed);
        Assert.True(limiter.TryQuestion("telegram", "43", "c").Allowed);
        Assert.True(limiter.TryQuestion("discord", "42", "c").Allowed);
        Assert.False(limiter.TryQuestion("telegram", "42", "c").Allowed);
    }

    [Fact]
    public void TryQuestion_WhenTheChannelIsFull_RefusesWithoutUsingUpThePersonsAllowance()
    {
        var limiter = Limiter(perUser: RateWindow.Of(2, TimeSpan.FromMinutes(1)), perChannel: RateWindow.Of(1, TimeSpan.FromMinutes(1)));
        Assert.True(limiter.TryQuestion("telegram", "alice", "busy-group").Allowed);

        Assert.False(limiter.TryQuestion("telegram", "bob", "busy-group").Allowed);

        // Bob's refused question did not count against him elsewhere: he still has both questions.
        Assert.True(limiter.TryQuestion("telegram", "bob", "private-1").Allowed);
        Assert.True(limiter.TryQuestion("telegram", "bob", "private-2").Allowed);
    }

    [Fact]
    public void TryDomainCheck_IsLimitedHarderThanQuestions_PerPersonAndForEveryone()
    {
        var limiter = Limiter(domainsPerUser: RateWindow.Of(2, TimeSpan.FromMinutes(1)), domains: RateWindow.Of(3, TimeSpan.FromMinutes(1)));

        Assert.True(limiter.TryDomainCheck("telegram", "alice").Allowed);
        Assert.True(limiter.TryDomainCheck("telegram", "alice").Allowed);
        var alice = limiter.TryDomainCheck("telegram", "alice");
        Assert.True(limiter.TryDomainCheck("telegram", "bob").Allowed);
        var everyone = limiter.TryDomainCheck("telegram", "carol");

        Assert.False(alice.Allowed);
        Assert.StartsWith("Checks of domains I don't watch are limited.", alice.Reply.English, StringComparison.Ordinal);
        Assert.False(everyone.Allowed);
    }

    [Fact]
    public void Refusals_AreToBeAnsweredPubliclyOnlyOncePerWindow()
    {
        var limiter = Limiter(perUser: RateWindow.Of(1, TimeSpan.FromMinutes(1)));
        limiter.TryQuestion("telegram", "spammer", "c");

        var first = limiter.TryQuestion("telegram", "spammer", "c");
        var second = limiter.TryQuestion("telegram", "spammer", "c");
        _time.Advance(TimeSpan.FromMinutes(2));
        limiter.TryQuestion("telegram", "spammer", "c");
        var later = limiter.TryQuestion("telegram", "spammer", "c");

        Assert.True(first.FirstRefusal);
        Assert.False(second.FirstRefusal);
        Assert.True(later.FirstRefusal);
    }

    [Fact]
    public void SlidingWindow_ForgetsIdleSenders()
    {
        var limiter = new SlidingWindowLimiter(RateWindow.Of(1, TimeSpan.FromSeconds(1)));
        var start = _time.GetUtcNow();
        for (var i = 0; i < 5000; i++)
        {
            limiter.TryAcquire($"sender-{i}", start.AddSeconds(i), out _);
        }

        Assert.True(limiter.TrackedKeys < 1100, $"{limiter.TrackedKeys} senders still tracked");
    }

    private QuestionLimiter Limiter(RateWindow? perUser = null, RateWindow? perChannel = null, RateWindow? domainsPerUser = null, RateWindow? domains = null)
    {
        var options = new QuestionLimitOptions();
        options.PerUser = perUser ?? options.PerUser;
        options.PerChannel = perChannel ?? options.PerChannel;
        options.DomainChecksPerUser = domainsPerUser ?? options.DomainChecksPerUser;
        options.DomainChecks = domains ?? options.DomainChecks;
        return new QuestionLimiter(Options.Create(options), _time);
    }
}
