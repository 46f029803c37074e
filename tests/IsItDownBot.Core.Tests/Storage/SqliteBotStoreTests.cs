using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static IsItDownBot.Core.Tests.Storage.Rounds;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>The contract against a real SQLite file per test, plus what only a file-based store has: migrations.</summary>
public sealed class SqliteBotStoreTests : BotStoreContractTests, IDisposable
{
    // Stands for a step a later build appends: the upgrade test needs one beyond what has shipped.
    private static readonly SchemaMigration LaterStep = new(
        SqliteMigrations.All[^1].Version + 1, "a later step", "CREATE TABLE later_step (id INTEGER PRIMARY KEY);");

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "isitdown-store-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);

    private string DatabasePath => Path.Combine(_directory, "isitdown.db");

    private string ConnectionString => new SqliteConnectionStringBuilder { DataSource = DatabasePath }.ToString();

    protected override async Task<IBotStore> CreateStoreAsync()
    {
        var store = new SqliteBotStore(ConnectionString, _time);
        await store.MigrateAsync();
        return store;
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; on Windows the delete would fail, elsewhere it would leak handles.
        // Every store here shares one connection string, so one pool; other tests' pools are left alone.
        new SqliteBotStore(ConnectionString, _time).Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [Fact]
    public async Task Migrate_OnANewFile_RecordsEveryStepWithItsDescriptionAndTime()
    {
        await CreateStoreAsync();

        var applied = await QueryAsync("SELECT version, description, applied_at FROM schema_migrations ORDER BY version;");

        Assert.Equal(
            SqliteMigrations.All.Select(step => $"{step.Version}|{step.Description}|{Start.ToUnixTimeMilliseconds()}"),
            applied);
    }

    [Fact]
    public async Task Migrate_WhenRunAgain_ChangesNothingAndKeepsTheData()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        _time.Advance(TimeSpan.FromDays(1));

        await store.MigrateAsync();
        await new SqliteBotStore(ConnectionString, _time).MigrateAsync();

        Assert.Equal(SqliteMigrations.All.Select(step => step.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)), await QueryAsync("SELECT version FROM schema_migrations ORDER BY version;"));
        Assert.Single(await store.ListSubscriptionsAsync(TelegramChat));
        Assert.NotNull(await store.OpenIncidentAsync("facebook"));
        Assert.Equal(1, await store.PendingAlertCountAsync());
    }

    [Fact]
    public async Task Migrate_OnAFileFromAnOlderBuild_AppliesOnlyTheMissingStepsAndKeepsTheData()
    {
        // A database made by the first release, schema version 1 only, with a subscriber in it.
        var older = new SqliteBotStore(ConnectionString, _time, [SqliteMigrations.All[0]]);
        await older.MigrateAsync();

        // Written as that release wrote it: this build's insert names columns version 1 did not have.
        await QueryAsync($"""
            INSERT INTO subscriptions (platform, channel_id, service_id, subscribed_by, subscribed_at)
            VALUES ('{TelegramChat.Platform}', '{TelegramChat.ChannelId}', 'facebook', 'admin', {Start.ToUnixTimeMilliseconds()});
            """);
        older.Dispose();
        _time.Advance(TimeSpan.FromDays(30));

        var newer = new SqliteBotStore(ConnectionString, _time, [.. SqliteMigrations.All, LaterStep]);
        await newer.MigrateAsync();

        Assert.Equal(
            SqliteMigrations.All.Skip(1).Append(LaterStep)
                .Select(step => $"{step.Version}|{Start.AddDays(30).ToUnixTimeMilliseconds()}")
                .Prepend("1|" + Start.ToUnixTimeMilliseconds()),
            await QueryAsync("SELECT version, applied_at FROM schema_migrations ORDER BY version;"));
        Assert.Equal(["0"], await QueryAsync("SELECT COUNT(*) FROM later_step;"));
        Assert.Equal(Language.English, Assert.Single(await newer.ListSubscriptionsAsync(TelegramChat)).Language);

        // The upgraded schema takes what this build writes.
        await newer.CommitRoundAsync(Down("facebook", Start.AddDays(30), TelegramChat));
        Assert.Single(await newer.ClaimDueAlertsAsync("telegram", Start.AddDays(30), TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public async Task Migrate_OnAFileFromANewerBuild_RefusesRatherThanWriteIntoAnUnknownSchema()
    {
        await new SqliteBotStore(ConnectionString, _time, [.. SqliteMigrations.All, LaterStep]).MigrateAsync();

        var error = await Assert.ThrowsAsync<DatabaseTooNewException>(() => new SqliteBotStore(ConnectionString, _time).MigrateAsync());

        Assert.Contains($"schema version {LaterStep.Version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Claim_AnUnreadableAlert_AbandonsItAndStillClaimsTheOthers()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        await store.CommitRoundAsync(Down("discord", Start, TelegramChat));
        await QueryAsync("UPDATE outbox SET message_json = '{\"Kind\":\"Sideways\"}' WHERE id = (SELECT MIN(id) FROM outbox);");

        var claimed = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, TimeSpan.FromMinutes(1), 10));

        Assert.Equal("discord", claimed.Message.Items[0].ServiceId);
        Assert.Equal(1, await store.PendingAlertCountAsync());
        Assert.Contains("unreadable alert", Assert.Single(await QueryAsync("SELECT last_error FROM outbox WHERE abandoned_at IS NOT NULL;")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_TurnsOnWriteAheadLogging()
    {
        await CreateStoreAsync();

        Assert.Equal(["wal"], await QueryAsync("PRAGMA journal_mode;"));
    }

    [Fact]
    public async Task Create_WithAPathInAMissingDirectory_CreatesTheDirectoryAndTheDatabase()
    {
        var path = Path.Combine(_directory, "data", "nested", "bot.db");
        var store = SqliteBotStore.Create(new StorageOptions { Path = path }, _time);

        await store.MigrateAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));

        Assert.True(File.Exists(path));
        Assert.Single(await store.ListSubscriptionsAsync(TelegramChat));
    }

    [Fact]
    public async Task RemoveChannel_RecordsWhyAndHowManySubscriptionsWent()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "discord"));

        await store.RemoveChannelAsync(TelegramChat, "Forbidden: bot was kicked from the group chat", Start.AddHours(1));

        Assert.Equal(
            [$"telegram|-100123|Forbidden: bot was kicked from the group chat|{Start.AddHours(1).ToUnixTimeMilliseconds()}|2"],
            await QueryAsync("SELECT platform, channel_id, reason, removed_at, subscriptions_removed FROM removed_channels;"));
    }

    [Fact]
    public async Task Abandon_RecordsWhyInTheOutboxRow()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var alert = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, TimeSpan.FromMinutes(1), 10));

        await store.AbandonAsync(alert, Start.AddSeconds(3), "Bad Request: chat not found");

        Assert.Equal(
            [$"{Start.AddSeconds(3).ToUnixTimeMilliseconds()}|Bad Request: chat not found"],
            await QueryAsync("SELECT abandoned_at, last_error FROM outbox;"));
    }

    [Fact]
    public async Task Dispose_ClosesThisStoresPooledConnections_AndLeavesAnotherStoresOpen()
    {
        var store = await CreateStoreAsync();
        var otherPath = Path.Combine(_directory, "other.db");
        using var other = new SqliteBotStore(new SqliteConnectionStringBuilder { DataSource = otherPath }.ToString(), _time);
        await other.MigrateAsync();
        await store.PendingAlertCountAsync();
        var openBefore = OpenHandles(DatabasePath);

        ((SqliteBotStore)store).Dispose();

        Assert.True(openBefore > 0, "a pooled connection should keep the file open until the store is disposed");
        Assert.Equal(0, OpenHandles(DatabasePath));
        Assert.True(OpenHandles(otherPath) > 0, "disposing one store closed another store's connections");
    }

    /// <summary>How many of this process's file descriptors point at <paramref name="path"/> (Linux's /proc).</summary>
    private static int OpenHandles(string path) =>
        new DirectoryInfo("/proc/self/fd").EnumerateFileSystemInfos().Count(fd =>
        {
            try
            {
                return fd.LinkTarget == path;
            }
            catch (IOException)
            {
                return false; // closed while being listed
            }
        });

    /// <summary>Reads the file directly, outside the store, each row as its columns joined by '|'.</summary>
    private async Task<IReadOnlyList<string>> QueryAsync(string sql)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false };
        using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }
}
