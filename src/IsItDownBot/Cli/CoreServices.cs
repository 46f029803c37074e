using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Vantages;
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
        // Nearly every answer needs a TLS handshake; its roots load while the configuration is read and validated.
        _ = SystemTrustWarmUp.Start();
        var configuration = AppConfiguration.Load(shippedFile, configFile);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddSerilog(CreateLogger(configuration, minimumWarning: true), dispose: true))
            .AddIsItDownCore(configuration)
            .AddIsItDownMonitoring(configuration)
            .Replace(ServiceDescriptor.Singleton(SharedVantages.Board));
        var provider = services.BuildServiceProvider();
        try
        {
            ValidateForCommand(provider);
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
    /// roots), so that a broken key stops the bot at once with its name, never a stack trace later.
    /// </summary>
    public static void Validate(IServiceProvider provider) => Describing(() =>
    {
        provider.GetRequiredService<IStartupValidator>().Validate();
        _ = provider.GetRequiredService<ServiceCatalog>();
        _ = provider.GetRequiredService<CertificateTrust>();
    });

    /// <summary>
    /// Validates only the sections <c>check</c> and <c>status</c> read, with the same messages as <see cref="Validate"/>.
    /// Binding and validating every section took a third of their start-up; a section nothing resolves (the
    /// monitor's, the alerts', the limits') is left to <c>run</c>, and one resolved later is still validated then.
    /// </summary>
    public static void ValidateForCommand(IServiceProvider provider) => Describing(() =>
    {
        // As the start-up validator does, in the order of registration: the failed sections are reported together,
        // a key that does not parse stops at once.
        var failures = new List<OptionsValidationException>();
        Validate<DnsOptions>(provider, failures);
        Validate<CacheOptions>(provider, failures);
        Validate<ProbeOptions>(provider, failures);
        Validate<RoutingOptions>(provider, failures);
        Validate<CatalogOptions>(provider, failures);
        Validate<VantageOptions>(provider, failures);
        Validate<StorageOptions>(provider, failures);
        if (failures.Count > 0)
        {
            throw failures.Count == 1 ? failures[0] : new AggregateException(failures);
        }

        _ = provider.GetRequiredService<ServiceCatalog>();
        _ = provider.GetRequiredService<CertificateTrust>();
    });

    private static void Validate<TOptions>(IServiceProvider provider, List<OptionsValidationException> failures)
        where TOptions : class
    {
        try
        {
            _ = provider.GetRequiredService<IOptions<TOptions>>().Value;
        }
        catch (OptionsValidationException failure)
        {
            failures.Add(failure);
        }
    }

    private static void Describing(Action validate)
    {
        try
        {
            validate();
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
