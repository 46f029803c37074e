using System.Globalization;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Monitoring;

/// <summary>"Since when?": an open incident in words, for replies about a service that is down.</summary>
public static class SinceWhen
{
    public static string Describe(Incident incident, DateTimeOffset now, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(incident);
        var since = incident.OpenedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var duration = Durations.FormatLong(now - incident.OpenedAt);
        return language == Language.French
            ? $"En panne depuis le {since} ({duration}), d’après la surveillance du bot."
            : $"Down since {since} ({duration}), according to the bot's monitor.";
    }
}
