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

    /// <param name="configureServices">Registrations made before the bot's own, which then keep them (they are added
    /// with TryAdd): how a test puts a faulty store at the boundary of the real host.</param>
    public static IHost Build(string? shippedFile, string? configFile, Action<IServiceCollection>? configureServices = null)
    {
        var configuration = AppConfiguration.Load(shippedFile, configFile);
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

    public static async Task<int> RunAsync(string? shippedFile, string? configFile, CancellationToken cancellationToken)
    {
        using var host = Build(shippedFile, configFile);
        var configuration = host.Services.GetRequiredService<IConfiguration>();
        var logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("IsItDownBot");
        if (TokenKeys.All(key => string.IsNullOrWhiteSpace(configuration[key])))
        {
            LogNoPlatform(logger, string.Join(", ", TokenKeys));
        }

        var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception exception) when (StartupFailure(exception, storage) is { } usage)
        {
            // The sentence is what the operator needs; the exception chain is for whoever debugs the bot itself (but
            // not PostgreSQL's: the usage error left it out so that no password can get through unscrubbed).
            LogStartFailed(logger, usage.InnerException ?? usage);
            throw usage;
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

    /// <summary>
    /// One sentence for each failure at start that the operator can foresee and fix (a taken port, a database that
    /// cannot be opened or created); null for anything else, which is a bug and keeps its stack trace.
    /// </summary>
    private static UsageException? StartupFailure(Exception exception, StorageOptions storage)
    {
        var databaseKey = storage.IsPostgres ? $"{StorageOptions.SectionName}:ConnectionString" : $"{StorageOptions.SectionName}:Path";
        return exception switch
        {
            HealthBindException => new UsageException(exception.Message, exception),
            DatabaseTooNewException => new UsageException($"Cannot use the database ({databaseKey}): {exception.Message}", exception),
            SqliteException => new UsageException($"Cannot open the database ({databaseKey}): {exception.Message}", exception),

            // Neither the server nor the driver should quote the password, but the message is scrubbed anyway and
            // the inner exception dropped, so nothing further up can print it unscrubbed.
            NpgsqlException => new UsageException(
                $"Cannot open the database ({databaseKey}, {PostgresConnection.Describe(storage.ConnectionString!)}): {PostgresConnection.Scrub(exception.Message, storage.ConnectionString)}"),
            IOException or UnauthorizedAccessException => new UsageException($"Cannot create the database ({databaseKey}): {exception.Message}", exception),
            _ => null,
        };
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "IsItDownBot could not start")]
    private static partial void LogStartFailed(Microsoft.Extensions.Logging.ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information,
        Message = "IsItDownBot is running: database {DatabasePath}, a round every {Interval}, {AlwaysWatch} services always watched besides subscriptions")]
    private static partial void LogStarted(Microsoft.Extensions.Logging.ILogger logger, string databasePath, TimeSpan interval, int alwaysWatch);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "IsItDownBot stopped")]
    private static partial void LogStopped(Microsoft.Extensions.Logging.ILogger logger);

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "No chat platform token is configured ({TokenKeys}): running the monitor with alerts in the log only")]
    private static partial void LogNoPlatform(Microsoft.Extensions.Logging.ILogger logger, string tokenKeys);
}
