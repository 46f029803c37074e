using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Telegram.Tests;

/// <summary>Two instances over one database file take turns at polling Telegram.</summary>
public sealed class TelegramPollerLeaseTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private readonly string _database = Path.Combine(Path.GetTempPath(), $"isitdown-poller-{Guid.NewGuid():N}.db");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero));
    private readonly SqliteBotStore _store;

    public TelegramPollerLeaseTests() => _store = new SqliteBotStore($"Data Source={_database}", _time);

    [Fact]
    public async Task Refresh_TheFirstInstancePolls_TheSecondStandsByNamingIt()
    {
        await _store.MigrateAsync();
        var (first, firstName) = Instance();
        var (second, _) = Instance();

        Assert.True(await first.RefreshAsync(CancellationToken.None));
        Assert.False(await second.RefreshAsync(CancellationToken.None));

        Assert.True(first.Holds);
        Assert.Null(first.OtherHolder);
        Assert.False(second.Holds);
        Assert.Equal(firstName.Value, second.OtherHolder);
    }

    [Fact]
    public async Task Refresh_WhenThePollerStopsRenewing_TheStandbyTakesOverOnlyOnceTheLeaseHasRunOut()
    {
        var (first, second, secondName) = await PollerAndStandbyAsync();
        var waiting = second.WaitUntilHeldAsync(CancellationToken.None);

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        var tooEarly = await second.RefreshAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var onTime = await second.RefreshAsync(CancellationToken.None);
        var firstAfter = await first.RefreshAsync(CancellationToken.None);

        Assert.False(tooEarly);
        Assert.True(onTime);
        Assert.True(await waiting);
        Assert.False(firstAfter);
        Assert.Equal(secondName.Value, first.OtherHolder);
    }

    [Fact]
    public async Task Release_OnAStop_LetsTheStandbyTakeOverAtItsNextCheck()
    {
        var (first, second, _) = await PollerAndStandbyAsync();

        await first.ReleaseAsync();

        Assert.True(await second.RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Refresh_WhenTheDatabaseCannotBeAsked_KeepsTheLastRole_AndAnInstanceNeverAnsweredPolls()
    {
        // No migration: the leases table does not exist, so every question to the database fails.
        var (unanswered, _) = Instance();

        Assert.True(await unanswered.RefreshAsync(CancellationToken.None));
        Assert.True(unanswered.Holds);

        var (first, standby, _) = await PollerAndStandbyAsync();
        await DropLeasesAsync();

        Assert.True(await first.RefreshAsync(CancellationToken.None));
        Assert.False(await standby.RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task WaitUntilHeld_WhenTheHostStops_ReturnsFalse()
    {
        var (first, second, _) = await PollerAndStandbyAsync();
        using var stopping = new CancellationTokenSource();

        var waiting = second.WaitUntilHeldAsync(stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await waiting);
    }

    [Fact]
    public async Task Refresh_ALeaseLeftByAKilledEarlierRunOnThisMachine_IsTakenOverAtOnce()
    {
        await _store.MigrateAsync();
        // As a container's process 1 restarted: this process's id, but not an instance alive in it.
        var earlierRun = $"{Environment.MachineName}/{Environment.ProcessId}/0dead000";
        await _store.TryAcquireLeaseAsync(TelegramPollerLease.LeaseName, earlierRun, _time.GetUtcNow(), Lease);
        var (restarted, _) = Instance();

        Assert.True(await restarted.RefreshAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Refresh_ALeaseHeldFromAnotherMachine_IsWaitedOut()
    {
        await _store.MigrateAsync();
        await _store.TryAcquireLeaseAsync(TelegramPollerLease.LeaseName, "another-machine/1/12345678", _time.GetUtcNow(), Lease);
        var (here, _) = Instance();

        Assert.False(await here.RefreshAsync(CancellationToken.None));
        Assert.Equal("another-machine/1/12345678", here.OtherHolder);
    }

    [Fact]
    public async Task StillPollsAfterConflict_WithTheDatabaseGone_KeepsPollingUntilItsOwnLeaseHasRunOut_ThenStandsBy()
    {
        var (poller, _, _) = await PollerAndStandbyAsync();
        await DropLeasesAsync();

        _time.Advance(Lease - TimeSpan.FromSeconds(1));
        var beforeItRanOut = await poller.StillPollsAfterConflictAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        var afterItRanOut = await poller.StillPollsAfterConflictAsync(CancellationToken.None);

        Assert.True(beforeItRanOut);
        Assert.False(afterItRanOut);
        Assert.False(poller.Holds);
    }

    public void Dispose()
    {
        _store.Dispose();
        File.Delete(_database);
    }

    /// <summary>A migrated database and two instances that have each asked once: the first polls, the second stands by.</summary>
    private async Task<(TelegramPollerLease Poller, TelegramPollerLease Standby, InstanceName StandbyName)> PollerAndStandbyAsync()
    {
        await _store.MigrateAsync();
        var (poller, _) = Instance();
        var (standby, standbyName) = Instance();
        await poller.RefreshAsync(CancellationToken.None);
        await standby.RefreshAsync(CancellationToken.None);
        return (poller, standby, standbyName);
    }

    private (TelegramPollerLease Lease, InstanceName Name) Instance()
    {
        var name = new InstanceName();
        var options = Options.Create(new TelegramOptions { PollerLease = Lease });
        return (new TelegramPollerLease(_store, name, options, _time, NullLogger<TelegramPollerLease>.Instance), name);
    }

    private async Task DropLeasesAsync()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={_database};Pooling=False");
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = "DROP TABLE leases;";
        await drop.ExecuteNonQueryAsync();
    }
}
