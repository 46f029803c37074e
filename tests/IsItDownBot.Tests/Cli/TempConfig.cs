using System.Text.Json.Nodes;

namespace IsItDownBot.Tests.Cli;

/// <summary>A configuration file written for one test and deleted after it.</summary>
internal sealed class TempConfig : IDisposable
{
    private TempConfig(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"isitdown-{Guid.NewGuid():N}.json");
        File.WriteAllText(Path, text);
    }

    public string Path { get; }

    public static TempConfig FromText(string text) => new(text);

    public static TempConfig FromJson(JsonNode json) => new(json.ToJsonString());

    public void Dispose() => File.Delete(Path);
}
