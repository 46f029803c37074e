using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;

namespace IsItDownBot.Hosting;

/// <summary>Serilog from the <c>Serilog</c> section; a file that says nothing about logging still logs to the console.</summary>
internal static class LoggingSetup
{
    public static LoggerConfiguration FromConfiguration(this LoggerConfiguration logger, IConfiguration configuration)
    {
        logger.ReadFrom.Configuration(configuration);
        if (!configuration.GetSection("Serilog:WriteTo").Exists())
        {
            // Everything to standard error: standard output is for answers (check --json) only.
            logger.WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose);
        }

        return logger;
    }
}
