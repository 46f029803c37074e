using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay;

/// <summary>A moment of a scenario: when (UTC), what happens in a line, and the change it makes to the world.</summary>
public sealed record ReplayStep(DateTimeOffset At, Phrase Description, Action<ReplayWorld> Apply)
{
    /// <summary>A step at a UTC time written as in a timeline: <c>Utc("2021-10-04 15:40", ...)</c>.</summary>
    public static ReplayStep Utc(string utc, Phrase description, Action<ReplayWorld>? apply = null) =>
        new(DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
            description,
            apply ?? (_ => { }));
}
