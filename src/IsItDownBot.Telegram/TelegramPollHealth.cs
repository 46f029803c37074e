namespace IsItDownBot.Telegram;

/// <summary>How the last getUpdates went, written by the poller and read by the readiness check.</summary>
internal sealed class TelegramPollHealth
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastSuccess;
    private bool _lastFailed;
    private string? _standingByFor;

    public void Succeeded(DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastSuccess = at;
            _lastFailed = false;
            _standingByFor = null;
        }
    }

    public void Failed()
    {
        lock (_lock)
        {
            _lastFailed = true;
            _standingByFor = null;
        }
    }

    /// <summary>This instance polls again: until its first getUpdates answers, it is not ready.</summary>
    public void TookOver()
    {
        lock (_lock)
        {
            _standingByFor = null;
            _lastFailed = true;
        }
    }

    /// <summary>Another instance polls: this one is not polling, and rightly so.</summary>
    public void StandingBy(string poller)
    {
        lock (_lock)
        {
            _standingByFor = poller;
            _lastFailed = false;
        }
    }

    /// <summary>The last success, unless a failure came after it.</summary>
    public DateTimeOffset? LastSuccess
    {
        get
        {
            lock (_lock)
            {
                return _lastFailed ? null : _lastSuccess;
            }
        }
    }

    /// <summary>The instance that polls while this one stands by; null while this one polls.</summary>
    public string? StandingByFor
    {
        get
        {
            lock (_lock)
            {
                return _standingByFor;
            }
        }
    }
}
