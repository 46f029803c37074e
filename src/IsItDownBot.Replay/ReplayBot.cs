using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Core.Subscriptions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Replay;

/// <summary>
/// The bot's real core and monitor, wired as <c>run</c> wires them, configured from a <see cref="ReplayWorld"/>
/// only (never from appsettings.json), on the scenario clock, with its database in a temporary file.
/// </summary>
internal sealed class ReplayBot : IAsyncDisposable
{
    /// <summary>The pretend channel that subscribed to the scenario's watched services.</summary>
    public static readonly ChannelRef Channel = new("replay", "subscribers");

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private const int MaxAlerts = 100;

    private readonly ServiceProvider _provider;
    private readonly string _databasePath;

    private ReplayBot(ServiceProvider provider, string databasePath)
    {
        _provider = provider;
        _databasePath = databasePath;
        Catalog = provider.GetRequiredService<ServiceCatalog>();
        Checker = provider.GetRequiredService<StatusChecker>();
        Monitor = provider.GetRequiredService<OutageMonitor>();
        Store = provider.GetRequiredService<IBotStore>();
        MonitorOptions = provider.GetRequiredService<IOptions<MonitorOptions>>().Value;
    }

    public ServiceCatalog Catalog { get; }

    public StatusChecker Checker { get; }

    public OutageMonitor Monitor { get; }

    public IBotStore Store { get; }

    public MonitorOptions MonitorOptions { get; }

    public static async Task<ReplayBot> StartAsync(ReplayWorld world, IReadOnlyList<string> watched, CancellationToken cancellationToken)
    {
        var databasePath = Path.Combine(Path.GetTempPath(), $"isitdown-replay-{Guid.NewGuid():N}.db");
        var settings = new Dictionary<string, string?>(world.Settings, StringComparer.OrdinalIgnoreCase)
        {
            // Every question is a fresh probe round: a replay shows what the bot sees at that moment.
            ["IsItDown:Cache:Ttl"] = "00:00:00",

            // The channel below receives the alerts; the log would only repeat them.
            ["IsItDown:Alerts:LogAlerts"] = "false",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        // Unpooled, so the file is closed after every operation and can be deleted at the end without
        // clearing the pools of every other SQLite user in the process.
        var connection = new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(world.Clock)
            .AddSingleton<IBotStore>(new SqliteBotStore(connection.ToString(), world.Clock))
            .AddIsItDownCore(configuration)
            .AddIsItDownMonitoring(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
        var bot = new ReplayBot(provider, databasePath);
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            await bot.Store.MigrateAsync(cancellationToken).ConfigureAwait(false);
            foreach (var id in watched)
            {
                var service = bot.Catalog.Find(id) ?? throw new InvalidOperationException($"The scenario watches '{id}', which it did not add.");
                await bot.Store.AddSubscriptionAsync(new Subscription(Channel, service.Id, "replay", world.Clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            }

            return bot;
        }
        catch
        {
            await bot.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The alerts queued for the channel since the last call, marked delivered as a dispatcher would.</summary>
    public async Task<IReadOnlyList<AlertMessage>> TakeAlertsAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var claimed = await Store.ClaimDueAlertsAsync(Channel.Platform, now, Lease, MaxAlerts, cancellationToken).ConfigureAwait(false);
        foreach (var alert in claimed)
            await Store.MarkDeliveredAsync(alert, now, cancellationToken).ConfigureAwait(false);

        return [.. claimed.OrderBy(alert => alert.Id).Select(alert => alert.Message)];
    }

    public async ValueTask DisposeAsync()
    {
        await _provider.DisposeAsync().ConfigureAwait(false);
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(_databasePath + suffix);
    }
}
