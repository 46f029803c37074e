using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace IsItDownBot.Tests.Documentation;

/// <summary>
/// The README's configuration table is the one place an operator looks up a key: it must name every key the bot
/// binds and every key the shipped appsettings.json sets, and nothing that no longer exists.
/// </summary>
public sealed partial class ReadmeConfigurationTableTests
{
    private const string TableHeader = "| key | default | meaning |";

    [Fact]
    public void Readme_HasOneConfigurationTable_WithOneKeyPerRow()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md"));

        Assert.Single(readme, line => line.Trim() == TableHeader);
        Assert.All(TableRows(readme), row => Assert.True(KeyCell().Count(row.Split('|')[1]) == 1, $"A row of the configuration table names more or less than one key: {row}"));
    }

    [Fact]
    public void Readme_ConfigurationTable_NamesEveryKeyOfTheOptionsClasses()
    {
        var documented = DocumentedKeys();

        var missing = ConfigurationKeys.FromOptionsClasses().Where(key => !documented.Contains(ConfigurationKeys.Normalize(key))).ToList();

        Assert.True(missing.Count == 0, "Keys bound by an options class but missing from the README's configuration table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_ConfigurationTable_NamesEveryKeyOfTheShippedAppsettings()
    {
        var documented = DocumentedKeys();

        var missing = ShippedKeys().Where(key => !documented.Contains(ConfigurationKeys.Normalize(key))).ToList();

        Assert.True(missing.Count == 0, "Keys set in appsettings.json but missing from the README's configuration table: " + string.Join(", ", missing));
    }

    [Fact]
    public void Readme_ConfigurationTable_NamesOnlyKeysThatExist()
    {
        var known = ConfigurationKeys.FromOptionsClasses().Concat(ShippedKeys()).Select(ConfigurationKeys.Normalize).ToHashSet(StringComparer.Ordinal);

        var stale = DocumentedKeys().Where(key => !known.Contains(key)).ToList();

        Assert.True(stale.Count == 0, "Keys in the README's configuration table that no options class binds and appsettings.json does not set: " + string.Join(", ", stale));
    }

    [Fact]
    public void ConfigurationKeys_GeneraliseIdsAndListEntries_AsTheTableWritesThem()
    {
        var keys = ShippedKeys();

        // Guards the generalisation itself: were it to keep "facebook" or an index, the tests above would compare nothing useful.
        Assert.Contains("IsItDown:Services:<*>:NameServers:<*>:Address", keys);
        Assert.Contains("IsItDown:Groups:<*>", keys);
        Assert.Contains("IsItDown:Alerts:RateLimits:<*>:PerChannel:<*>:Per", keys);
        Assert.Contains("IsItDown:Dns:Resolvers", keys);
        Assert.Contains("IsItDown:Monitor:AlwaysWatch", keys);
        Assert.DoesNotContain(keys, key => key.Contains("facebook", StringComparison.Ordinal) || key.Contains(":0", StringComparison.Ordinal));
        Assert.Contains("IsItDown:ControlHosts", ConfigurationKeys.FromOptionsClasses());
    }

    private static IReadOnlySet<string> ShippedKeys()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "appsettings.json")))!;
        return ConfigurationKeys.FromJson(json, ConfigurationKeys.FromOptionsClasses());
    }

    private static HashSet<string> DocumentedKeys() => TableRows(File.ReadAllLines(Path.Combine(RepositoryRoot(), "README.md")))
        .SelectMany(row => KeyCell().Matches(row.Split('|')[1]))
        .Select(match => ConfigurationKeys.Normalize(match.Groups["key"].Value))
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>The rows under the table's header, up to the first line that is not a row.</summary>
    private static IEnumerable<string> TableRows(string[] readme) => readme
        .SkipWhile(line => line.Trim() != TableHeader)
        .Skip(2)
        .TakeWhile(line => line.StartsWith('|'));

    [GeneratedRegex("`(?<key>[A-Za-z][A-Za-z0-9<>_-]*(:[A-Za-z0-9<>_-]+)*)`")]
    private static partial Regex KeyCell();

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IsItDownBot.sln")))
        {
            directory = directory.Parent;
        }

        Assert.NotNull(directory);
        return directory.FullName;
    }
}
