using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Rendering;

/// <summary>The JSON shape of a report for scripts. Field names are a public contract: add, never rename.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="openIncident">The monitor's open incident for the service, if any: it answers "since when".</param>
    /// <param name="language">The language of the words (summary, explanation, notes); codes stay the same.</param>
    public static JsonObject ToJson(StatusReport report, Incident? openIncident = null, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(report);
        var probes = new JsonArray();
        foreach (var probe in report.Probes)
        {
            probes.Add(new JsonObject
            {
                ["endpoint"] = probe.Endpoint,
                ["kind"] = probe.Kind.ToString().ToLowerInvariant(),
                ["target"] = probe.Target,
                ["ok"] = probe.Ok,
                ["outcome"] = probe.Outcome.ToString(),
                ["latencyMs"] = Math.Round(probe.Latency.TotalMilliseconds, 1),
                ["detail"] = probe.Detail,
            });
        }

        return new JsonObject
        {
            ["service"] = report.Service.Id,
            ["name"] = report.Service.Name,
            ["verdict"] = report.Verdict.ToString().ToLowerInvariant(),
            ["confidence"] = report.Confidence.ToString().ToLowerInvariant(),
            ["language"] = language.Code(),
            ["headline"] = $"{report.Service.Name} {report.Headline.In(language)}",
            ["cause"] = new JsonObject
            {
                ["code"] = report.Cause.Code,
                ["summary"] = report.Cause.Summary.In(language),
                ["explanation"] = report.Cause.Explanation.In(language),
            },
            ["notes"] = new JsonArray([.. report.Notes.Select(note => (JsonNode)note.In(language))]),
            ["vantages"] = Vantages(report, language),
            ["checkedAt"] = report.CheckedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["downSince"] = report.Verdict == Verdict.Up ? null : openIncident?.OpenedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["durationMs"] = Math.Round(report.Duration.TotalMilliseconds, 1),
            ["probes"] = probes,
        };
    }

    /// <summary>Each vantage point's fresh result, this instance's first; empty when no other vantage point has spoken lately.</summary>
    private static JsonArray Vantages(StatusReport report, Language language) =>
        new([.. report.Vantages.Select(vantage => (JsonNode)new JsonObject
        {
            ["name"] = vantage.Vantage,
            ["verdict"] = vantage.Verdict.ToString().ToLowerInvariant(),
            ["cause"] = new JsonObject { ["code"] = vantage.CauseCode, ["summary"] = vantage.Summary.In(language) },
            ["checkedAt"] = vantage.CheckedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        })]);

    /// <summary>One object for one report, an array for several.</summary>
    public static string Serialize(
        IReadOnlyList<StatusReport> reports, IReadOnlyDictionary<string, Incident>? openIncidents = null, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(reports);
        JsonObject One(StatusReport report) => ToJson(report, openIncidents?.GetValueOrDefault(report.Service.Id), language);
        JsonNode node = reports.Count == 1 ? One(reports[0]) : new JsonArray([.. reports.Select(One)]);
        return node.ToJsonString(Indented);
    }
}
