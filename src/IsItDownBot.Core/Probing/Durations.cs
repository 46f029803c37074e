using System.Globalization;

namespace IsItDownBot.Core.Probing;

/// <summary>Durations as people read them: "250 ms", "2 s", "1.5 s".</summary>
public static class Durations
{
    public static string Format(TimeSpan duration) => duration.TotalMilliseconds < 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.#} s");

    /// <summary>A span of hours or days: "3 h 20 min", "2 days".</summary>
    public static string FormatLong(TimeSpan duration) => duration switch
    {
        { TotalMinutes: < 1 } => Format(duration),
        { TotalHours: < 1 } => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalMinutes} min"),
        { TotalDays: < 2 } => duration.Minutes == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h")
            : string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalHours} h {duration.Minutes} min"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{(int)duration.TotalDays} days"),
    };
}
