using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Serilog;

namespace IsItDownBot.Cli;

/// <summary>The core's services for one command run, built from the configuration and validated first.</summary>
internal static class CoreServices
{
    public static ServiceProvider Build(string? shippedFile, string? configFile)
    {
        var configuration = AppConfiguration.Load(shippedFile, configFile);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(CreateLogger(configuration, minimumWarning: true), dispose: true))
            .AddIsItDownCore(configuration)
            .AddIsItDownMonitoring(configuration)
            .Replace(ServiceDescriptor.Singleton(SharedVantages.Board));
        var provider = services.BuildServiceProvider();
        try
        {
            Validate(provider);
            return provider;
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Validates every options section and builds what parses configuration (the catalog's URLs, the trusted
    /// roots), so that a broken key stops the command at once with its name, never a stack trace later.
    /// </summary>
    public static void Validate(IServiceProvider provider)
    {
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            _ = provider.GetRequiredService<ServiceCatalog>();
            _ = provider.GetRequiredService<CertificateTrust>();
        }
        catch (Exception exception) when (ConfigurationErrors.TryDescribe(exception, out var usage))
        {
            throw usage;
        }
        catch (InvalidOperationException exception)
        {
            throw ConfigurationErrors.DescribeBinding(exception);
        }
    }

    /// <param name="minimumWarning">For check and status: their answer is the output, only problems are logged beside it.</param>
    public static Serilog.Core.Logger CreateLogger(IConfiguration configuration, bool minimumWarning)
    {
        try
        {
            var logger = new LoggerConfiguration().FromConfiguration(configuration);
            if (minimumWarning)
            {
                logger.MinimumLevel.Warning();
            }

            return logger.CreateLogger();
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new UsageException("Invalid configuration in the Serilog section: " + exception.Message, exception);
        }
    }
}
