using System.Reflection;
using System.Text.Json.Nodes;
using IsItDownBot.Cli;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace IsItDownBot.Tests.Cli;

/// <summary>
/// A user secrets store in a temporary directory, for a child process only: <c>APPDATA</c>, when set, is where
/// the secrets of every user secrets id are looked up, on every OS. The real home directory is never touched.
/// </summary>
internal sealed class TempUserSecrets : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"isitdown-secrets-{Guid.NewGuid():N}");

    private TempUserSecrets(string text)
    {
        // The id the executable was built with: the test fails if the csproj stops declaring one.
        var id = typeof(AppConfiguration).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId;
        var file = Path.Combine(_root, "Microsoft", "UserSecrets", id, "secrets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text);
        FilePath = file;
    }

    public string FilePath { get; }

    /// <summary>The environment a child process needs to read these secrets.</summary>
    public (string Name, string Value) Environment => ("APPDATA", _root);

    /// <summary>Flat keys, as <c>dotnet user-secrets set</c> writes them.</summary>
    public static TempUserSecrets From(params (string Key, string Value)[] secrets)
    {
        var json = new JsonObject();
        foreach (var (key, value) in secrets)
        {
            json[key] = value;
        }

        return new(json.ToJsonString());
    }

    public static TempUserSecrets FromText(string text) => new(text);

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
