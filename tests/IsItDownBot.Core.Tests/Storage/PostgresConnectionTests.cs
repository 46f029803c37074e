using IsItDownBot.Core.Storage.Postgres;

namespace IsItDownBot.Core.Tests.Storage;

public sealed class PostgresConnectionTests
{
    private const string ConnectionString = "Host=db.internal;Port=5433;Database=isitdown;Username=bot;Password=hunter2-long";

    [Fact]
    public void Describe_NamesServerDatabaseAndUser_NeverThePassword()
    {
        Assert.Equal("postgres://bot@db.internal:5433/isitdown", PostgresConnection.Describe(ConnectionString));
    }

    [Fact]
    public void Scrub_ReplacesThePasswordWhereverAMessageQuotesIt()
    {
        var scrubbed = PostgresConnection.Scrub("login with hunter2-long refused (hunter2-long)", ConnectionString);

        Assert.Equal("login with *** refused (***)", scrubbed);
    }

    [Fact]
    public void Scrub_WithAnUnparsableConnectionString_RemovesAllOfIt()
    {
        const string Broken = "Host=db;Password=hunter2;Nonsense Key=1";

        Assert.Equal("cannot use (connection string)", PostgresConnection.Scrub($"cannot use {Broken}", Broken));
    }
}
