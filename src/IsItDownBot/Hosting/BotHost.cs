using IsItDownBot.Cli;
using IsItDownBot.Health;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using Serilog;

namespace IsItDownBot.Hosting;

/// <summary>
/// The long-running bot of <c>run</c>: a generic host with Serilog from configuration, options validated on
/// start, the monitor and the alert dispatcher, and every chat adapter whose token is configured.
/// </summary>
internal static partial class BotHost
{
    /// <summary>Configuration keys of the chat platforms' tokens: an adapter starts only when its token is set.</summary>
    public static readonly string[] TokenKeys = ["IsItDown:Telegram:BotToken", "IsItDown:Discord:BotToken"];

    /// <summary>How long a stop may take: the delivery under way finishes within its send timeout.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(30);

    public static IHost Build(string? configFile) => Build(configFile, configureServices: null);

    /// <param name="configureServices">Registrations made before the bot's own, which then keep them (they are added
    /// with TryAdd): how a test puts a faulty store at the boundary of the real host.</param>
    public static IHost Build(string? configFile, Action<IServiceCollection>? configureServices)
    {
        var configuration = AppConfiguration.Load(configFile);
        var serilog = CoreServices.CreateLogger(configuration, minimumWarning: false);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSerilog(serilog, dispose: true);
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = ShutdownTimeout);
        configureServices?.Invoke(builder.Services);
        builder.Services
            .AddIsItDownCore(configuration)
            .AddIsItDownMonitoring(configuration)
            .AddIsItDownHealth(configuration)
            .AddIsItDownBackgroundWork()
            .AddIsItDownTelegram(configuration)
            .AddIsItDownDiscord(configuration);
        var host = builder.Build();
        try
        {
            CoreServices.Validate(host.Services);
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    public static async Task<int> RunAsync(string? configFile, CancellationToken cancellationToken)
    {
        using var host = Build(configFile);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IsItDownBot");
        if (TokenKeys.All(key => string.IsNullOrWhiteSpace(configuration[key])))
        {
            LogNoPlatform(logger, string.Join(", ", TokenKeys));
        }

        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        var databaseKey = storage.IsPostgres ? $"{StorageOptions.SectionName}:ConnectionString" : $"{StorageOptions.SectionName}:Path";
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (HealthBindException exception)
        {
            throw new UsageException(exception.Message, exception);
        }
        catch (DatabaseTooNewException exception)
        {
            throw new UsageException($"Cannot use the database ({databaseKey}): {exception.Message}", exception);
        }
        catch (SqliteException exception)
        {
            throw new UsageException($"Cannot open the database ({databaseKey}): {exception.Message}", exception);
        }
        catch (NpgsqlException exception)
        {
            // Neither the server nor the driver should quote the password, but the message is scrubbed anyway and
            // the inner exception dropped, so nothing further up can print it unscrubbed.
            var message = PostgresConnection.Scrub(exception.Message, storage.ConnectionString);
            throw new UsageException($"Cannot open the database ({databaseKey}, {PostgresConnection.Describe(storage.ConnectionString!)}): {message}");
        }
        catch (IOException exception)
        {
            throw new UsageException($"Cannot create the database ({databaseKey}): {exception.Message}", exception);
        }
        catch (UnauthorizedAccessException exception)
        {
            throw new UsageException($"Cannot create the database ({databaseKey}): {exception.Message}", exception);
        }

        var monitor = host.Services.GetRequiredService<IOptions<MonitorOptions>>().Value;
        var databasePath = storage.IsPostgres ? PostgresConnection.Describe(storage.ConnectionString!) : Path.GetFullPath(storage.Path);
        var alwaysWatched = AlwaysWatched.Expand(monitor.AlwaysWatch, host.Services.GetRequiredService<ServiceCatalog>()).Count;
        LogStarted(logger, databasePath, monitor.Interval, alwaysWatched);

        // Until Ctrl+C, SIGTERM or the caller's token: then the dispatcher finishes the delivery under way.
        await host.WaitForShutdownAsync(cancellationToken);
        LogStopped(logger);
        return ExitCodes.Up;
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "IsItDownBot is running: database {DatabasePath}, a round every {Interval}, {AlwaysWatch} services always watched besides subscriptions")]
    private static partial void LogStarted(Microsoft.Extensions.Logging.ILogger logger, string databasePath, TimeSpan interval, int alwaysWatch);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "IsItDownBot stopped")]
    private static partial void LogStopped(Microsoft.Extensions.Logging.ILogger logger);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "No chat platform token is configured ({TokenKeys}): running the monitor with alerts in the log only")]
    private static partial void LogNoPlatform(Microsoft.Extensions.Logging.ILogger logger, string tokenKeys);
}
