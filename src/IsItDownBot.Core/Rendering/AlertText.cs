using System.Globalization;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Rendering;

/// <summary>An alert as plain text, in the message's language: for the log, and for any platform without richer formatting.</summary>
public static class AlertText
{
    public static string Render(AlertMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var french = message.Language == Language.French;
        var lines = new List<string>();
        var down = message.Kind == TransitionKind.Down;
        if (message.Items.Count == 1)
        {
            var item = message.Items[0];
            var summary = item.SummaryIn(message.Language);
            var duration = Durations.FormatLong(item.Duration ?? TimeSpan.Zero);
            lines.Add((down, french) switch
            {
                (true, false) => $"DOWN: {item.ServiceName} is down since {Time(item.DownSince)}. {summary}",
                (true, true) => $"EN PANNE : {item.ServiceName} est en panne depuis le {Time(item.DownSince)}. {summary}",
                (false, false) => $"BACK UP: {item.ServiceName} is back up after {duration}.",
                (false, true) => $"RÉTABLI : {item.ServiceName} fonctionne de nouveau après {duration}.",
            });
            return string.Join('\n', lines);
        }

        var names = Join([.. message.Items.Select(item => item.ServiceName)], french ? "et" : "and");
        lines.Add((down, french) switch
        {
            (true, false) => $"DOWN: {names} are down ({message.GroupName}-wide problem?)",
            (true, true) => $"EN PANNE : {names} sont en panne (problème chez tout {message.GroupName} ?)",
            (false, false) => $"BACK UP: {names} are back up.",
            (false, true) => $"RÉTABLIS : {names} fonctionnent de nouveau.",
        });
        foreach (var item in message.Items)
        {
            var duration = Durations.FormatLong(item.Duration ?? TimeSpan.Zero);
            lines.Add((down, french) switch
            {
                (true, false) => $"- {item.ServiceName}, since {Time(item.DownSince)}: {item.SummaryIn(message.Language)}",
                (true, true) => $"- {item.ServiceName}, depuis le {Time(item.DownSince)} : {item.SummaryIn(message.Language)}",
                (false, false) => $"- {item.ServiceName}: down for {duration}",
                (false, true) => $"- {item.ServiceName} : en panne pendant {duration}",
            });
        }

        return string.Join('\n', lines);
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Join(List<string> names, string and) =>
        names.Count == 2 ? $"{names[0]} {and} {names[1]}" : $"{string.Join(", ", names.Take(names.Count - 1))} {and} {names[^1]}";
}
