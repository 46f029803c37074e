using System.Globalization;
using System.Text.Json;

namespace IsItDownBot.Core.Probing.StatusPages;

/// <summary>
/// Reads what a service says about itself on its Statuspage.io page. A page that cannot be read gives
/// <see cref="StatusPageState.Unavailable"/>, never an exception: status pages go down with their services.
/// </summary>
/// <remarks>
/// Relies on Statuspage's public <c>/api/v2/summary.json</c>, as its documentation and client libraries
/// describe it: <c>status.indicator</c> (none, minor, major, critical, maintenance) and <c>status.description</c>;
/// <c>components[]</c> with <c>name</c>, <c>status</c> (operational, degraded_performance, partial_outage,
/// major_outage, under_maintenance) and <c>group</c> (true for a container of other components);
/// <c>incidents[]</c>, the unresolved ones, with <c>name</c>, <c>status</c> and <c>impact</c>.
/// </remarks>
public sealed class StatusPageProbe(EvidenceHttpClient http, TimeProvider time)
{
    private const string SummaryPath = "api/v2/summary.json";

    public async Task<StatusPageEvidence> FetchAsync(Uri page, CancellationToken deadline)
    {
        ArgumentNullException.ThrowIfNull(page);
        var started = time.GetTimestamp();
        var response = await http.GetAsync(SummaryUrl(page), deadline).ConfigureAwait(false);
        var latency = time.GetElapsedTime(started);
        if (!response.IsOk)
        {
            return Unavailable(page, $"status page {response.Detail}", latency);
        }

        return Read(page, response.Body, latency) ?? Unavailable(page, "status page's answer was not understood", latency);
    }

    /// <summary>The summary under the page's root, keeping a path the page may live under.</summary>
    public static Uri SummaryUrl(Uri page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var builder = new UriBuilder(page) { Query = "", Fragment = "" };
        if (!builder.Path.EndsWith('/'))
        {
            builder.Path += "/";
        }

        return new Uri(builder.Uri, SummaryPath);
    }

    private static StatusPageEvidence? Read(Uri page, ReadOnlyMemory<byte> body, TimeSpan latency)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object
                || Text(status, "indicator") is not { } indicator
                || ToState(indicator) is not { } state)
            {
                return null;
            }

            var description = Text(status, "description") ?? "";
            List<StatusPageComponent> affected = [];
            foreach (var component in Items(root, "components"))
            {
                // A group's status only repeats its members' worst; counting it would list the outage twice.
                var isGroup = component.TryGetProperty("group", out var group) && group.ValueKind == JsonValueKind.True;
                if (!isGroup && Text(component, "name") is { } name && Text(component, "status") is { } componentStatus
                    && componentStatus != "operational")
                {
                    affected.Add(new StatusPageComponent(name, componentStatus));
                }
            }

            List<StatusPageIncident> incidents = [];
            foreach (var incident in Items(root, "incidents"))
            {
                var incidentStatus = Text(incident, "status") ?? "";
                if (Text(incident, "name") is { } name && incidentStatus is not ("resolved" or "postmortem" or "completed"))
                {
                    incidents.Add(new StatusPageIncident(name, incidentStatus, Text(incident, "impact") ?? "none"));
                }
            }

            return new StatusPageEvidence(page, state, description, affected, incidents, Describe(indicator, description, affected, incidents), latency);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static StatusPageState? ToState(string indicator) => indicator switch
    {
        "none" => StatusPageState.Operational,
        "minor" => StatusPageState.Minor,
        "major" => StatusPageState.Major,
        "critical" => StatusPageState.Critical,
        "maintenance" => StatusPageState.Maintenance,
        _ => null,
    };

    private static string Describe(string indicator, string description, List<StatusPageComponent> affected, List<StatusPageIncident> incidents)
    {
        var parts = new List<string>();
        if (affected.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{affected.Count} {(affected.Count == 1 ? "component" : "components")} affected"));
        }

        if (incidents.Count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{incidents.Count} open {(incidents.Count == 1 ? "incident" : "incidents")}"));
        }

        var said = description.Length > 0 ? $"{indicator} (\"{description}\")" : indicator;
        return parts.Count == 0 ? $"status page says {said}" : $"status page says {said}: {string.Join(", ", parts)}";
    }

    /// <summary>The objects of an array property; none when it is missing or not an array of objects.</summary>
    private static IEnumerable<JsonElement> Items(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(item => item.ValueKind == JsonValueKind.Object)
            : [];

    private static string? Text(JsonElement parent, string property) =>
        parent.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? JsonStrings.Read(value) : null;

    private static StatusPageEvidence Unavailable(Uri page, string detail, TimeSpan latency) =>
        new(page, StatusPageState.Unavailable, "", [], [], detail, latency);
}
