namespace IsItDownBot.Telegram;

/// <summary>How the last getUpdates went, written by the poller and read by the readiness check.</summary>
internal sealed class TelegramPollHealth
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastSuccess;
    private bool _lastFailed;

    public void Succeeded(DateTimeOffset at)
    {
        lock (_lock)
        {
            _lastSuccess = at;
            _lastFailed = false;
        }
    }

    public void Failed()
    {
        lock (_lock)
        {
            _lastFailed = true;
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
}
