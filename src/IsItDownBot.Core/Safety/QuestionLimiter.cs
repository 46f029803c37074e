using System.Globalization;
using IsItDownBot.Core.Explaining;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Safety;

/// <summary>
/// Per person and per channel question limits, and harder ones for checks of domains outside the catalog (each
/// is a fresh probe round toward a target a stranger chose). A refused person is told once per window to slow
/// down, then ignored until the window passes: answering every message of a flood would make the bot flood too.
/// </summary>
public sealed class QuestionLimiter
{
    private readonly SlidingWindowLimiter _perUser;
    private readonly SlidingWindowLimiter _perChannel;
    private readonly SlidingWindowLimiter _domainsPerUser;
    private readonly SlidingWindowLimiter _domains;
    private readonly SlidingWindowLimiter _warnings;
    private readonly TimeProvider _time;

    public QuestionLimiter(IOptions<QuestionLimitOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        var limits = options.Value;
        _perUser = new SlidingWindowLimiter(limits.PerUser);
        _perChannel = new SlidingWindowLimiter(limits.PerChannel);
        _domainsPerUser = new SlidingWindowLimiter(limits.DomainChecksPerUser);
        _domains = new SlidingWindowLimiter(limits.DomainChecks);
        _warnings = new SlidingWindowLimiter(Alerts.RateWindow.Of(1, Longest(limits)));
        _time = time;
    }

    /// <summary>May this person ask something in this channel now? Counts the question when it may.</summary>
    public LimitDecision TryQuestion(string platform, string userId, string channelId)
    {
        var now = _time.GetUtcNow();
        var user = Key(platform, userId);
        if (!_perUser.TryAcquire(user, now, out var wait))
        {
            return Refuse(user, now, wait, domain: false);
        }

        if (!_perChannel.TryAcquire(Key(platform, channelId), now, out wait))
        {
            _perUser.Release(user);
            return Refuse(user, now, wait, domain: false);
        }

        return LimitDecision.Allow;
    }

    /// <summary>May this person have a domain outside the catalog checked now? Asked after <see cref="TryQuestion"/>.</summary>
    public LimitDecision TryDomainCheck(string platform, string userId)
    {
        var now = _time.GetUtcNow();
        var user = Key(platform, userId);
        if (!_domainsPerUser.TryAcquire(user, now, out var wait))
        {
            return Refuse(user, now, wait, domain: true);
        }

        if (!_domains.TryAcquire("*", now, out wait))
        {
            _domainsPerUser.Release(user);
            return Refuse(user, now, wait, domain: true);
        }

        return LimitDecision.Allow;
    }

    private LimitDecision Refuse(string user, DateTimeOffset now, TimeSpan wait, bool domain)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var reply = domain
            ? new Phrase(
                $"Checks of domains I don't watch are limited. Try again in {seconds} s, or ask about a service I know (/help).",
                $"Les vérifications de domaines que je ne surveille pas sont limitées. Réessayez dans {seconds} s, ou demandez un service que je connais (/help).")
            : new Phrase(
                $"Slow down a little: you can ask again in {seconds} s.",
                $"Doucement : vous pourrez redemander dans {seconds} s.");
        return new LimitDecision(false, wait, reply, FirstRefusal: _warnings.TryAcquire(user, now, out _));
    }

    private static string Key(string platform, string id) => platform + ":" + id;

    private static TimeSpan Longest(QuestionLimitOptions limits) =>
        new[] { limits.PerUser.Per, limits.PerChannel.Per, limits.DomainChecksPerUser.Per, limits.DomainChecks.Per }.Max();
}

/// <summary>Whether a question may go ahead; when not, how long to wait and what to say.</summary>
/// <param name="Reply">The "slow down" answer.</param>
/// <param name="FirstRefusal">
/// True the first time in a window: a public reply is due. Later refusals deserve no public message (that would
/// let a flood make the bot flood too); only replies nobody else sees, such as Discord's ephemeral ones, are fine.
/// </param>
public sealed record LimitDecision(bool Allowed, TimeSpan RetryAfter, Phrase Reply, bool FirstRefusal)
{
    public static readonly LimitDecision Allow = new(true, TimeSpan.Zero, new("", ""), FirstRefusal: false);
}
