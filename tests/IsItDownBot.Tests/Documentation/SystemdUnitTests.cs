namespace IsItDownBot.Tests.Documentation;

/// <summary>
/// The README's install without Docker and deploy/isitdown.service describe one deployment: the unit the README
/// shows is the shipped file, it runs the tool where the README installs it, and keeps the database in its own
/// state directory.
/// </summary>
public sealed class SystemdUnitTests
{
    private const string ToolPath = "/opt/isitdown";

    [Fact]
    public void Readme_UnitBlock_IsTheShippedUnit()
    {
        var readme = Read("README.md");
        var unit = Read("deploy", "isitdown.service");

        Assert.Contains("```ini\n" + unit + "```\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_RunsTheToolWhereTheReadmeInstallsIt()
    {
        var readme = Read("README.md");
        var unit = Settings(Read("deploy", "isitdown.service"));

        Assert.Equal($"{ToolPath}/isitdown run", Assert.Single(unit["ExecStart"]));
        Assert.Contains($"dotnet tool install --tool-path {ToolPath} ", readme, StringComparison.Ordinal);
        Assert.Contains($"chmod -R a+rX {ToolPath}", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void Unit_KeepsTheDatabaseInItsStateDirectory_AndTheTokensInAnEnvironmentFile()
    {
        var unit = Settings(Read("deploy", "isitdown.service"));

        var stateDirectory = $"/var/lib/{Assert.Single(unit["StateDirectory"])}";
        var storagePath = Assert.Single(unit["Environment"], setting => setting.StartsWith("IsItDown__Storage__Path=", StringComparison.Ordinal));
        Assert.Equal($"IsItDown__Storage__Path={stateDirectory}/isitdown.db", storagePath);
        Assert.Equal(stateDirectory, Assert.Single(unit["WorkingDirectory"]));
        Assert.Equal("-/etc/isitdown/env", Assert.Single(unit["EnvironmentFile"]));
        Assert.Equal("on-failure", Assert.Single(unit["Restart"]));
        Assert.Equal("yes", Assert.Single(unit["NoNewPrivileges"]));
        Assert.Equal("strict", Assert.Single(unit["ProtectSystem"]));

        // The JIT writes code at run time: this protection would stop the bot at start.
        Assert.False(unit.ContainsKey("MemoryDenyWriteExecute"));
    }

    /// <summary>The unit's settings by name, each with every value it is given (comments and sections dropped).</summary>
    private static Dictionary<string, List<string>> Settings(string unit)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in unit.Split('\n').Select(line => line.Trim()))
        {
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('['))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            var name = line[..equals];
            if (!settings.TryGetValue(name, out var values))
            {
                settings[name] = values = [];
            }

            values.Add(line[(equals + 1)..]);
        }

        return settings;
    }

    private static string Read(params string[] path) =>
        File.ReadAllText(Path.Combine([ReadmeConfigurationTableTests.RepositoryRoot(), .. path])).ReplaceLineEndings("\n");
}
