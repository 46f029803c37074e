using System.Globalization;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Monitoring;

/// <summary>"Since when?": an open incident in words, for replies about a service that is down.</summary>
public static class SinceWhen
{
    public static string Describe(Incident incident, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var since = incident.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return $"Down since {since} ({Durations.FormatLong(now - incident.OpenedAt)}), according to the bot's monitor.";
    }
}
