using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Rendering;

namespace IsItDownBot.Replay;

/// <summary>A replay for scripts: an array of steps, each with its time, its description, the reports and the alerts.</summary>
public static class ReplayJson
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Serialize(IReadOnlyList<ReplayStepResult> steps, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(steps);
        return new JsonArray([.. steps.Select(step => (JsonNode)ToJson(step, language))]).ToJsonString(Indented);
    }

    public static JsonObject ToJson(ReplayStepResult step, Language language = Language.English)
    {
        ArgumentNullException.ThrowIfNull(step);
        return new JsonObject
        {
            ["at"] = Time(step.Step.At),
            ["description"] = step.Step.Description.In(language),
            ["reports"] = new JsonArray([.. step.Reports.Select(report => (JsonNode)ReportJson.ToJson(report, step.OpenIncidents.GetValueOrDefault(report.Service.Id), language))]),
            ["notes"] = new JsonArray([.. step.GroupNotes.Select(note => (JsonNode)note.In(language))]),
            ["alerts"] = new JsonArray([.. step.Alerts.Select(alert => (JsonNode)ToJson(alert, language))]),
        };
    }

    private static JsonObject ToJson(AlertMessage alert, Language language) => new()
    {
        ["kind"] = alert.Kind.ToString().ToLowerInvariant(),
        ["group"] = alert.GroupName,
        ["services"] = new JsonArray([.. alert.Items.Select(item => (JsonNode)new JsonObject
        {
            ["service"] = item.ServiceId,
            ["name"] = item.ServiceName,
            ["cause"] = item.CauseCode,
            ["summary"] = item.SummaryIn(language),
            ["downSince"] = Time(item.DownSince),
            ["downForMinutes"] = item.Duration is { } duration ? Math.Round(duration.TotalMinutes, 1) : null,
        })]),
        ["text"] = AlertText.Render(alert with { Language = language }),
    };

    private static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}
