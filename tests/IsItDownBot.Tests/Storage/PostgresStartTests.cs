using System.Net;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;

namespace IsItDownBot.Tests.Storage;

/// <summary><c>run</c> with the PostgreSQL store misconfigured or unreachable: it stops at start, names the key, keeps the password to itself.</summary>
public sealed class PostgresStartTests
{
    [Theory]
    [InlineData("postgres", "IsItDown:Storage:ConnectionString is required when IsItDown:Storage:Provider is 'postgres'")]
    [InlineData("mysql", "IsItDown:Storage:Provider must be 'sqlite' or 'postgres', not 'mysql'")]
    public async Task Run_WithAProviderItCannotUse_StopsAtStartNamingTheKey(string provider, string expected)
    {
        using var config = TempConfig.FromText($$"""{ "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Storage": { "Provider": "{{provider}}" } } }""");

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WhenThePostgresServerDoesNotAnswer_StopsSayingWhereWithoutThePassword()
    {
        using var closed = new ClosedPort(IPAddress.Loopback);
        const string Password = "s3cret-Pa55word";
        using var config = TempConfig.FromText($$"""
            { "IsItDown": { "Dns": { "Resolvers": [ "system" ] }, "Health": { "Urls": "http://127.0.0.1:0" },
              "Storage": { "Provider": "postgres",
                "ConnectionString": "Host=127.0.0.1;Port={{closed.Port}};Database=isitdown;Username=bot;Password={{Password}};Timeout=2" } } }
            """);

        var run = await CliRun.InvokeAsync("run", "--config", config.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"Cannot open the database (IsItDown:Storage:ConnectionString, postgres://bot@127.0.0.1:{closed.Port}/isitdown)", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, run.Error + run.Out, StringComparison.Ordinal);
    }
}
