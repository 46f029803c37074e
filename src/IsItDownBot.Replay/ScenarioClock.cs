namespace IsItDownBot.Replay;

/// <summary>
/// The wall clock of a replay: it reads the scenario's time (4 October 2021, 15:50 UTC), moved on only by the
/// runner, so incidents, alerts and certificate checks are dated as in the story. Timers, timestamps and
/// delays stay real, so every probe timeout still fires when it should.
/// </summary>
public sealed class ScenarioClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    /// <summary>Jumps to a step's time; the story never goes back.</summary>
    public void MoveTo(DateTimeOffset at)
    {
        if (at < GetUtcNow())
            throw new ArgumentOutOfRangeException(nameof(at), at, "A scenario's steps must be in time order.");

        Interlocked.Exchange(ref _ticks, at.UtcTicks);
    }

    public void Advance(TimeSpan by) => MoveTo(GetUtcNow() + by);
}
