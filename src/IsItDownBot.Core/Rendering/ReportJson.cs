using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Checking;

namespace IsItDownBot.Core.Rendering;

/// <summary>The JSON shape of a report for scripts. Field names are a public contract: add, never rename.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonObject ToJson(StatusReport report)
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
            ["cause"] = new JsonObject
            {
                ["code"] = report.Cause.Code,
                ["summary"] = report.Cause.Summary,
                ["explanation"] = report.Cause.Explanation,
            },
            ["checkedAt"] = report.CheckedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            ["durationMs"] = Math.Round(report.Duration.TotalMilliseconds, 1),
            ["probes"] = probes,
        };
    }

    /// <summary>One object for one report, an array for several.</summary>
    public static string Serialize(IReadOnlyList<StatusReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        JsonNode node = reports.Count == 1 ? ToJson(reports[0]) : new JsonArray([.. reports.Select(ToJson)]);
        return node.ToJsonString(Indented);
    }
}
