namespace IsItDownBot.Tests.Documentation;

/// <summary>The README shows the compose file for several instances; the copy at the repository root must be that same file.</summary>
public sealed class ComposeFileTests
{
    [Fact]
    public void Readme_ComposeBlock_IsTheComposeFileAtTheRoot()
    {
        var root = ReadmeConfigurationTableTests.RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var compose = File.ReadAllText(Path.Combine(root, "compose.yaml")).ReplaceLineEndings("\n");

        Assert.Contains("```yaml\n" + compose + "```\n", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void ComposeFile_GivesEachInstanceItsOwnShardAndKeepsThePasswordOutOfTheFile()
    {
        var compose = File.ReadAllText(Path.Combine(ReadmeConfigurationTableTests.RepositoryRoot(), "compose.yaml"));

        Assert.Contains("IsItDown__Discord__ShardId: \"0\"", compose, StringComparison.Ordinal);
        Assert.Contains("IsItDown__Discord__ShardId: \"1\"", compose, StringComparison.Ordinal);
        Assert.Contains("Password=${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD}", compose, StringComparison.Ordinal);
    }
}
