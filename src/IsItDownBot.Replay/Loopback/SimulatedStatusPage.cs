using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// A Statuspage.io page's <c>/api/v2/summary.json</c>, to host on a <see cref="LoopbackHttpsServer"/>:
/// <c>LoopbackHttpsServer.StartAsync(address, certificate, page.HandleAsync)</c>. Its state can change while
/// it serves; it can also answer slowly, with an error status, or with something that is not JSON.
/// Any other path gets 404, as on a real page.
/// </summary>
public sealed class SimulatedStatusPage
{
    public const string SummaryPath = "/api/v2/summary.json";

    private readonly Lock _gate = new();
    private readonly List<(string Name, string Status, bool Group)> _components = [];
    private readonly List<(string Name, string Status, string Impact)> _incidents = [];
    private string _indicator = "none";
    private string _description = "All Systems Operational";
    private int _requests;

    /// <summary>Answer this status (with a short text body) instead of the summary when not 200.</summary>
    public int Status { get; set; } = 200;

    /// <summary>Answer 200 with a body that is not JSON.</summary>
    public bool Garbage { get; set; }

    /// <summary>Wait this long before answering (<see cref="Timeout.InfiniteTimeSpan"/>: until the client leaves).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>Requests for the summary so far.</summary>
    public int RequestCount => Volatile.Read(ref _requests);

    /// <summary>The page's <c>status</c>: indicator none, minor, major, critical or maintenance, and its words.</summary>
    public void SetStatus(string indicator, string description)
    {
        lock (_gate)
        {
            (_indicator, _description) = (indicator, description);
        }
    }

    /// <summary>Adds or updates a component; <paramref name="group"/> makes it a container of others.</summary>
    public void SetComponent(string name, string status, bool group = false)
    {
        lock (_gate)
        {
            _components.RemoveAll(component => component.Name == name);
            _components.Add((name, status, group));
        }
    }

    public void AddIncident(string name, string status, string impact)
    {
        lock (_gate)
        {
            _incidents.Add((name, status, impact));
        }
    }

    /// <summary>Back to an operational page with no components and no incidents.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            (_indicator, _description) = ("none", "All Systems Operational");
            _components.Clear();
            _incidents.Clear();
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path != SummaryPath)
        {
            context.Response.StatusCode = 404;
            return;
        }

        Interlocked.Increment(ref _requests);
        await LoopbackHttpsServer.RespondJsonAsync(context, Delay, Status, () => Garbage ? "<html>{\"status\": {\"indicator\"" : Summary()).ConfigureAwait(false);
    }

    private string Summary()
    {
        lock (_gate)
        {
            var page = new JsonObject { ["id"] = "fake", ["name"] = "Fake", ["url"] = "https://status.example", ["updated_at"] = "2021-10-04T15:45:00Z" };
            var components = new JsonArray([.. _components.Select((component, index) => (JsonNode)new JsonObject
            {
                ["id"] = $"c{index}", ["name"] = component.Name, ["status"] = component.Status, ["group"] = component.Group,
                ["group_id"] = null, ["only_show_if_degraded"] = false, ["position"] = index,
            })]);
            var incidents = new JsonArray([.. _incidents.Select((incident, index) => (JsonNode)new JsonObject
            {
                ["id"] = $"i{index}", ["name"] = incident.Name, ["status"] = incident.Status, ["impact"] = incident.Impact,
                ["incident_updates"] = new JsonArray(),
            })]);
            return new JsonObject
            {
                ["page"] = page,
                ["components"] = components,
                ["incidents"] = incidents,
                ["scheduled_maintenances"] = new JsonArray(),
                ["status"] = new JsonObject { ["indicator"] = _indicator, ["description"] = _description },
            }.ToJsonString();
        }
    }
}
