using System.Globalization;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Rendering;

/// <summary>An alert as plain text: for the log, and for any platform without richer formatting.</summary>
public static class AlertText
{
    public static string Render(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var lines = new List<string>();
        var down = message.Kind == TransitionKind.Down;
        if (message.Items.Count == 1)
        {
            var item = message.Items[0];
            lines.Add(down
                ? $"DOWN: {item.ServiceName} is down since {Time(item.DownSince)}. {item.Summary}"
                : $"BACK UP: {item.ServiceName} is back up after {Durations.FormatLong(item.Duration ?? TimeSpan.Zero)}.");
            return string.Join('\n', lines);
        }

        var names = Join([.. message.Items.Select(item => item.ServiceName)]);
        lines.Add(down
            ? $"DOWN: {names} are down ({message.GroupName}-wide problem?)"
            : $"BACK UP: {names} are back up.");
        foreach (var item in message.Items)
        {
            lines.Add(down
                ? $"- {item.ServiceName}, since {Time(item.DownSince)}: {item.Summary}"
                : $"- {item.ServiceName}: down for {Durations.FormatLong(item.Duration ?? TimeSpan.Zero)}");
        }

        return string.Join('\n', lines);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Join(List<string> names) =>
        names.Count == 2 ? $"{names[0]} and {names[1]}" : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";
}
