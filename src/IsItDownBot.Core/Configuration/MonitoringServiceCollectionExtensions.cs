using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Configuration;
using IsItDownBot.Core.Health;
using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Postgres;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class MonitoringServiceCollectionExtensions
{
    /// <summary>
    /// Registers the store, subscriptions, the outage monitor and the alert outbox with its dispatcher, plus the
    /// console sink. Chat adapters add their own <see cref="IAlertSink"/>; the dispatcher finds every one.
    /// </summary>
    public static IServiceCollection AddIsItDownMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSection<StorageOptions>(configuration, StorageOptions.SectionName);
        services.AddSection<MonitorOptions>(configuration, MonitorOptions.SectionName);
        services.AddSection<AlertOptions>(configuration, AlertOptions.SectionName);
        services.AddSection<SubscriptionOptions>(configuration, SubscriptionOptions.SectionName);

        services.TryAddSingleton<MonitoringOptionsValidator>();
        services.AddSingleton<IValidateOptions<AlertOptions>>(provider => provider.GetRequiredService<MonitoringOptionsValidator>());
        services.AddSingleton<IValidateOptions<MonitorOptions>>(provider => provider.GetRequiredService<MonitoringOptionsValidator>());

        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // The provider picks the store; everything above it sees only IBotStore.
        services.TryAddSingleton<IBotStore>(provider =>
        {
            var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            return storage.IsPostgres ? PostgresBotStore.Create(storage, time) : SqliteBotStore.Create(storage, time);
        });
        services.TryAddSingleton<StoreWriteHealth>();
        // With a store, the vantage points share their results through it: every instance of a deployment uses one.
        services.Replace(ServiceDescriptor.Singleton<IVantageBoard, StoreVantageBoard>());
        services.TryAddSingleton<SubscriptionService>();
        services.TryAddSingleton<OutageTracker>();
        services.TryAddSingleton<OutageMonitor>();
        services.TryAddSingleton<InstanceName>();
        services.TryAddSingleton<MonitorLeadership>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<AlertDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, ConsoleAlertSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, StoreReadinessCheck>());
        return services;
    }

    /// <summary>
    /// The background work of <c>run</c>: the schema migrated first, then the monitor and the dispatcher.
    /// Hosted services start in registration order, so the database is ready before either touches it.
    /// </summary>
    public static IServiceCollection AddIsItDownBackgroundWork(this IServiceCollection services)
    {
        services.AddHostedService<StoreMigrationService>();
        services.AddHostedService<MonitorService>();
        services.AddHostedService<AlertDispatcherService>();
        return services;
    }
}
