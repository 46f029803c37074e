namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// How long to wait before the next connection: exponential with full jitter, capped, so a Discord outage does
/// not turn every bot into a synchronised flood; back to short after a connection that reached READY or RESUMED.
/// </summary>
internal sealed class GatewayBackoff(Func<double> random)
{
    public static readonly TimeSpan Base = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Cap = TimeSpan.FromSeconds(60);

    private int _failures;

    public void Healthy() => _failures = 0;

    public void Failed() => _failures = Math.Min(_failures + 1, 16);

    public TimeSpan Next()
    {
        var ceiling = Math.Min(Cap.TotalMilliseconds, Base.TotalMilliseconds * Math.Pow(2, _failures));
        return TimeSpan.FromMilliseconds(ceiling * random());
    }

    /// <summary>Discord asks for a random 1–5 s wait after INVALID_SESSION.</summary>
    public TimeSpan AfterInvalidSession() => TimeSpan.FromSeconds(1 + (4 * random()));
}
