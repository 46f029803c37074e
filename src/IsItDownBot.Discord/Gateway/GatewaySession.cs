namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// What survives a connection: the session to resume, where to resume it, and the last sequence seen. Written by
/// the receive loop and read by the heartbeat loop, hence the lock.
/// </summary>
internal sealed class GatewaySession
{
    private readonly Lock _gate = new();
    private string? _sessionId;
    private string? _resumeUrl;
    private int? _sequence;

    public string? SessionId
    {
        get { lock (_gate) return _sessionId; }
    }

    public string? ResumeUrl
    {
        get { lock (_gate) return _resumeUrl; }
    }

    public int? Sequence
    {
        get { lock (_gate) return _sequence; }
    }

    public bool CanResume => SessionId is not null;

    public void Seen(int sequence)
    {
        lock (_gate)
            _sequence = sequence;
    }

    public void Started(string sessionId, string? resumeUrl)
    {
        lock (_gate)
        {
            _sessionId = sessionId;
            _resumeUrl = resumeUrl;
        }
    }

    /// <summary>The session cannot be resumed: the next connection identifies anew, where REST says.</summary>
    public void Forget()
    {
        lock (_gate)
        {
            _sessionId = null;
            _resumeUrl = null;
            _sequence = null;
        }
    }
}
