using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Postgres;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Testing;
using Microsoft.Extensions.Time.Testing;
using static IsItDownBot.Core.Tests.Storage.Rounds;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>
/// The contract against PostgreSQL, a fresh database per test on the server <c>.ci/run</c> starts, plus
/// what only a shared server has: migrations raced by instances starting together, claims from several
/// stores at once.
/// </summary>
public sealed class PostgresBotStoreTests : BotStoreContractTests, IAsyncLifetime
{
    private static readonly SchemaMigration LaterStep = new(
        PostgresMigrations.All[^1].Version + 1, "a later step", "CREATE TABLE later_step (id INTEGER PRIMARY KEY);");

    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<PostgresBotStore> _stores = [];
    private TestPostgres? _database;

    private TestPostgres Database => _database ?? throw new InvalidOperationException("The test database is made in InitializeAsync.");

    public async Task InitializeAsync() => _database = await TestPostgres.CreateAsync();

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override async Task<IBotStore> CreateStoreAsync()
    {
        var store = NewStore(PostgresMigrations.All);
        await store.MigrateAsync();
        return store;
    }

    [Fact]
    public void Migrations_HaveTheSameVersionsAndMeaningAsSqlite()
    {
        Assert.Equal(
            SqliteMigrations.All.Select(step => (step.Version, step.Description)),
            PostgresMigrations.All.Select(step => (step.Version, step.Description)));
    }

    [Fact]
    public async Task Migrate_OnANewDatabase_RecordsEveryStepWithItsDescriptionAndTime()
    {
        await CreateStoreAsync();

        Assert.Equal(
            PostgresMigrations.All.Select(step => $"{step.Version}|{step.Description}|{Start.ToUnixTimeMilliseconds()}"),
            await Database.QueryAsync("SELECT version, description, applied_at FROM schema_migrations ORDER BY version;"));
    }

    [Fact]
    public async Task Migrate_WhenInstancesStartTogether_AppliesEachStepOnce()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => NewStore(PostgresMigrations.All)).ToList();

        await Task.WhenAll(stores.Select(store => Task.Run(() => store.MigrateAsync())));

        Assert.Equal(
            PostgresMigrations.All.Select(step => $"{step.Version}"),
            await Database.QueryAsync("SELECT version FROM schema_migrations ORDER BY version;"));
    }

    [Fact]
    public async Task Migrate_OnADatabaseFromAnOlderBuild_AppliesOnlyTheMissingStepsAndKeepsTheData()
    {
        await NewStore([PostgresMigrations.All[0]]).MigrateAsync();
        await Database.QueryAsync($"""
            INSERT INTO subscriptions (platform, channel_id, service_id, subscribed_by, subscribed_at)
            VALUES ('{TelegramChat.Platform}', '{TelegramChat.ChannelId}', 'facebook', 'admin', {Start.ToUnixTimeMilliseconds()});
            """);
        _time.Advance(TimeSpan.FromDays(30));

        var newer = NewStore([.. PostgresMigrations.All, LaterStep]);
        await newer.MigrateAsync();

        Assert.Equal(
            PostgresMigrations.All.Skip(1).Append(LaterStep)
                .Select(step => $"{step.Version}|{Start.AddDays(30).ToUnixTimeMilliseconds()}")
                .Prepend("1|" + Start.ToUnixTimeMilliseconds()),
            await Database.QueryAsync("SELECT version, applied_at FROM schema_migrations ORDER BY version;"));
        Assert.Single(await newer.ListSubscriptionsAsync(TelegramChat));
        await newer.CommitRoundAsync(Down("facebook", Start.AddDays(30), TelegramChat));
        Assert.Single(await newer.ClaimDueAlertsAsync("telegram", Start.AddDays(30), TimeSpan.FromMinutes(1), 10));
    }

    [Fact]
    public async Task Migrate_OnADatabaseFromANewerBuild_RefusesRatherThanWriteIntoAnUnknownSchema()
    {
        await NewStore([.. PostgresMigrations.All, LaterStep]).MigrateAsync();

        var error = await Assert.ThrowsAsync<DatabaseTooNewException>(() => NewStore(PostgresMigrations.All).MigrateAsync());

        Assert.Contains($"schema version {LaterStep.Version}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClaimDueAlerts_FromSeveralInstancesAtOnce_HandsEachAlertToExactlyOne()
    {
        var stores = new List<IBotStore> { await CreateStoreAsync(), NewStore(PostgresMigrations.All), NewStore(PostgresMigrations.All) };
        var channels = Enumerable.Range(0, 300).Select(i => new IsItDownBot.Core.Subscriptions.ChannelRef("telegram", $"-{i}")).ToArray();
        await stores[0].CommitRoundAsync(Down("facebook", Start, channels));

        // Each instance claims in small batches until nothing is left, as three dispatchers would.
        var claimed = await Task.WhenAll(stores.Select(store => Task.Run(async () =>
        {
            var ids = new List<long>();
            while (await store.ClaimDueAlertsAsync("telegram", Start, TimeSpan.FromMinutes(1), 7) is { Count: > 0 } batch)
            {
                ids.AddRange(batch.Select(alert => alert.Id));
            }

            return ids;
        })));

        var all = claimed.SelectMany(ids => ids).ToList();
        Assert.Equal(300, all.Count);
        Assert.Equal(300, all.Distinct().Count());
    }

    [Fact]
    public async Task Claim_AnUnreadableAlert_AbandonsItAndStillClaimsTheOthers()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        await store.CommitRoundAsync(Down("discord", Start, TelegramChat));
        await Database.QueryAsync("UPDATE outbox SET message_json = '{\"Kind\":\"Sideways\"}' WHERE id = (SELECT MIN(id) FROM outbox);");

        var claimed = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, TimeSpan.FromMinutes(1), 10));

        Assert.Equal("discord", claimed.Message.Items[0].ServiceId);
        Assert.Contains("unreadable alert", Assert.Single(await Database.QueryAsync("SELECT last_error FROM outbox WHERE abandoned_at IS NOT NULL;")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_FromOptions_UsesTheConnectionString()
    {
        var store = PostgresBotStore.Create(new StorageOptions { Provider = "postgres", ConnectionString = Database.ConnectionString }, _time);
        _stores.Add(store);

        await store.MigrateAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));

        Assert.Equal(["1"], await Database.QueryAsync("SELECT COUNT(*) FROM subscriptions;"));
    }

    private PostgresBotStore NewStore(IReadOnlyList<SchemaMigration> migrations)
    {
        var store = new PostgresBotStore(Database.ConnectionString, _time, migrations);
        _stores.Add(store);
        return store;
    }
}
