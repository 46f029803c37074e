using IsItDownBot.Core.Storage;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>Where the SQLite database goes when nothing says: somewhere that outlives the executable's folder.</summary>
public sealed class StorageOptionsTests
{
    [Fact]
    public void Path_ByDefault_IsAbsoluteAndInTheUsersDataFolder()
    {
        var dataFolder = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        var path = new StorageOptions().Path;

        Assert.True(Path.IsPathFullyQualified(path), $"The default database path is not absolute: {path}");
        Assert.Equal(Path.Combine(dataFolder, "isitdown", "isitdown.db"), path);
        Assert.False(path.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal), "The default database path is in the executable's folder");
    }

    [Fact]
    public void Validate_WhenThereIsNoDataFolderForTheDefault_FailsNamingTheKeyToSet()
    {
        var options = new StorageOptions { Path = StorageOptions.DefaultPathIn("") };

        var result = new StorageOptionsValidator().Validate(name: null, options);

        Assert.True(result.Failed);
        Assert.Contains("IsItDown:Storage:Path is empty", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("IsItDown__Storage__Path=", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WithPostgres_NeedsNoPath()
    {
        var options = new StorageOptions { Provider = StorageOptions.Postgres, Path = "", ConnectionString = "Host=127.0.0.1;Database=isitdown" };

        Assert.True(new StorageOptionsValidator().Validate(name: null, options).Succeeded);
    }
}
