using System.Text.Json.Nodes;
using IsItDownBot.Benchmarks.Harness;

namespace IsItDownBot.Benchmarks.Worlds;

/// <summary>A catalog service's shape: its id, name, group and how many endpoints it has.</summary>
internal sealed record ServiceShape(string Id, string Name, string? Group, int Endpoints)
{
    /// <summary>
    /// The shipped catalog's shapes (appsettings.json), so that a synthetic catalog on loopback has as many
    /// services, groups and endpoints as the real one without touching the real internet.
    /// </summary>
    public static IReadOnlyList<ServiceShape> Shipped()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "appsettings.json")))!;
        var services = settings["IsItDown"]!["Services"]!.AsObject();
        return [.. services.Select(pair => new ServiceShape(
            pair.Key,
            (string?)pair.Value![nameof(Name)] ?? pair.Key,
            (string?)pair.Value[nameof(Group)],
            pair.Value[nameof(Endpoints)]!.AsArray().Count))];
    }

    /// <summary>The shipped group names (meta: Meta), for the answers' wording.</summary>
    public static IReadOnlyDictionary<string, string> ShippedGroups()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, "appsettings.json")))!;
        return settings["IsItDown"]!["Groups"]!.AsObject().ToDictionary(pair => pair.Key, pair => (string)pair.Value!, StringComparer.Ordinal);
    }
}
