using System.Globalization;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay;

/// <summary>A moment of a scenario: when (UTC), what happens in a line, and the change it makes to the world.</summary>
public sealed record ReplayStep(DateTimeOffset At, Phrase Description, Action<ReplayWorld> Apply)
{
    /// <summary>
    /// The first day of every illustrative scenario. A made-up story set on a real date reads as a record of that
    /// day (and may fall on a real outage of another cause); a day in the future cannot be mistaken for one, and
    /// stays inside the throw-away CA's validity (ten years either side of now) so certificates behave.
    /// </summary>
    public static readonly DateTimeOffset IllustrativeDay = new(2030, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly string[] IllustrativeFormats = [@"hh\:mm", @"d\.hh\:mm"];

    /// <summary>True for a step of a made-up story: it is told by day and time, never by date.</summary>
    public bool IsIllustrative { get; init; }

    /// <summary>A step at a UTC time written as in a timeline: <c>Utc("2021-10-04 15:40", ...)</c>.</summary>
    public static ReplayStep Utc(string utc, Phrase description, Action<ReplayWorld>? apply = null) =>
        new(DateTimeOffset.ParseExact(utc, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            description,
            apply ?? (_ => { }));

    /// <summary>A step of a made-up story, at a time of its first day (<c>"18:20"</c>) or of a later one (<c>"1.00:10"</c>).</summary>
    public static ReplayStep Illustrative(string time, Phrase description, Action<ReplayWorld>? apply = null) =>
        new(IllustrativeDay + TimeSpan.ParseExact(time, IllustrativeFormats, CultureInfo.InvariantCulture), description, apply ?? (_ => { }))
        {
            IsIllustrative = true,
        };

    /// <summary>When the step happens, as a reader sees it: "2021-10-04 15:40 UTC" for a real outage, "day 2, 00:10" for a made-up one.</summary>
    public string When(Language language) => IsIllustrative
        ? string.Create(CultureInfo.InvariantCulture, $"{(language == Language.French ? "jour" : "day")} {(At - IllustrativeDay).Days + 1}, {At.UtcDateTime:HH:mm}")
        : At.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
