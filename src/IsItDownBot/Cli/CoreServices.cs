using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serilog;

namespace IsItDownBot.Cli;

/// <summary>The core's services for one command run, built from the configuration and validated first.</summary>
internal static class CoreServices
{
    public static ServiceProvider Build(string? configFile)
    {
        var configuration = AppConfiguration.Load(configFile);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(CreateLogger(configuration), dispose: true))
            .AddIsItDownCore(configuration)
            .AddIsItDownMonitoring(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();

            // Building these parses every endpoint and the trusted roots: do it now, as configuration.
            _ = provider.GetRequiredService<ServiceCatalog>();
            _ = provider.GetRequiredService<CertificateTrust>();
            return provider;
        }
        catch (Exception exception) when (ConfigurationErrors.TryDescribe(exception, out var usage))
        {
            provider.Dispose();
            throw usage;
        }
        catch (InvalidOperationException exception)
        {
            // The binder names the key: "Failed to convert configuration value at 'IsItDown:Dns:Timeout' ...".
            provider.Dispose();
            throw new UsageException("Invalid configuration: " + exception.Message, exception);
        }
    }

    private static Serilog.Core.Logger CreateLogger(IConfiguration configuration)
    {
        try
        {
            // check and status print their answer; only warnings and errors belong beside it.
            return new LoggerConfiguration().FromConfiguration(configuration).MinimumLevel.Warning().CreateLogger();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new UsageException("Invalid configuration in the Serilog section: " + exception.Message, exception);
        }
    }
}
