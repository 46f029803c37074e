using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Settings.Configuration;

namespace IsItDownBot.Hosting;

/// <summary>Serilog from the <c>Serilog</c> section; a file that says nothing about logging still logs to the console.</summary>
internal static class LoggingSetup
{
    // The sink assemblies that ship with the executable, named instead of found: without them Serilog reads the
    // dependency manifest and loads every assembly whose name mentions Serilog, which is most of the time a
    // command such as check spends on its logger (BENCHMARKS.md, footprint).
    private static readonly ConfigurationReaderOptions Shipped = new(
        typeof(ConsoleLoggerConfigurationExtensions).Assembly,
        typeof(FileLoggerConfigurationExtensions).Assembly,
        typeof(CompactJsonFormatter).Assembly);

    public static LoggerConfiguration FromConfiguration(this LoggerConfiguration logger, IConfiguration configuration)
    {
        logger.ReadFrom.Configuration(configuration, Shipped);

        // The host logs a failed start as an error with the whole exception chain, forty lines before the one sentence
        // that says what to do. BotHost reports that sentence and logs the chain itself, at Debug.
        logger.Filter.ByExcluding(IsHostStartupFault);
        if (!configuration.GetSection("Serilog:WriteTo").Exists())
        {
            // Everything to standard error: standard output is for answers (check --json) only.
            logger.WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose);
        }

        return logger;
    }

    private static bool IsHostStartupFault(LogEvent logEvent) =>
        logEvent.Properties.TryGetValue("SourceContext", out var source) && source is ScalarValue { Value: "Microsoft.Extensions.Hosting.Internal.Host" }
        && logEvent.Properties.TryGetValue("EventId", out var eventId) && eventId is StructureValue structure
        && structure.Properties.Any(property => property is { Name: "Name", Value: ScalarValue { Value: "HostedServiceStartupFaulted" } });
}
