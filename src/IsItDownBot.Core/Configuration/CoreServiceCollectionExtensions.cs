using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Configuration;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;
using IsItDownBot.Core.Probing.Dns;
using IsItDownBot.Core.Probing.Http;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;
using IsItDownBot.Core.Probing.Tcp;
using IsItDownBot.Core.Probing.Tls;
using IsItDownBot.Core.Safety;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the status-checking core: catalog, question parser, probes and the checker.</summary>
    public static IServiceCollection AddIsItDownCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSection<DnsOptions>(configuration, DnsOptions.SectionName);
        services.AddSection<CacheOptions>(configuration, CacheOptions.SectionName);
        services.AddSection<ProbeOptions>(configuration, ProbeOptions.SectionName)
            .Configure(options => options.ControlHosts = configuration.GetSection("IsItDown:ControlHosts").Get<List<string>>() ?? []);
        services.AddSection<RoutingOptions>(configuration, RoutingOptions.SectionName);
        services.AddOptions<CatalogOptions>().Bind(configuration.GetSection(CatalogOptions.SectionName)).ValidateOnStart();

        services.AddSingleton<IsItDownOptionsValidator>();
        services.AddSingleton<IValidateOptions<DnsOptions>>(provider => provider.GetRequiredService<IsItDownOptionsValidator>());
        services.AddSingleton<IValidateOptions<ProbeOptions>>(provider => provider.GetRequiredService<IsItDownOptionsValidator>());
        services.AddSingleton<IValidateOptions<CatalogOptions>>(provider => provider.GetRequiredService<IsItDownOptionsValidator>());
        services.AddSingleton<IValidateOptions<RoutingOptions>>(provider => provider.GetRequiredService<IsItDownOptionsValidator>());

        services.AddSingleton(provider => ServiceCatalog.FromOptions(provider.GetRequiredService<IOptions<CatalogOptions>>().Value));
        services.AddSingleton<QuestionParser>();
        services.AddSection<QuestionLimitOptions>(configuration, QuestionLimitOptions.SectionName);
        services.AddSingleton<QuestionLimiter>();

        services.AddSingleton(provider => new ResolverSet(provider.GetRequiredService<IOptions<DnsOptions>>()));
        services.AddSingleton<ResolverProbe>();
        services.AddSingleton<AuthoritativeProbe>();
        services.AddSingleton<IterativeQuery>();
        services.AddSingleton<DelegationWalker>();
        services.AddSingleton<FallbackNameServers>();
        services.AddSingleton(provider => new DelegationProber(
            provider.GetRequiredService<DelegationWalker>(),
            provider.GetRequiredService<FallbackNameServers>(),
            provider.GetRequiredService<AuthoritativeProbe>()));
        services.AddSingleton<TcpProbe>();
        services.AddSingleton<CertificateTrust>();
        services.AddSingleton<TlsProbe>();
        services.AddSingleton<HttpProbe>();
        services.AddSingleton<EndpointProber>();
        services.AddSingleton<ServiceProber>();
        services.AddSingleton<ControlProber>();
        services.AddSingleton<EvidenceHttpClient>();
        services.AddSingleton<RoutingProbe>();
        services.AddSingleton<StatusPageProbe>();
        services.AddSingleton<OutsideSources>();

        // The name is one key beside the sections, because it is the one setting each instance sets differently.
        services.AddSection<VantageOptions>(configuration, VantageOptions.SectionName)
            .Configure(options => options.Name = configuration[VantageOptions.NameKey] ?? options.Name);
        services.AddSingleton<IValidateOptions<VantageOptions>, VantageOptionsValidator>();

        // Alone until a store is added (AddIsItDownMonitoring): a check without a database answers from here only.
        services.TryAddSingleton<IVantageBoard>(LocalVantageBoard.Instance);
        services.AddSingleton<VantagePoints>();
        services.AddSingleton<StatusChecker>();
        return services;
    }
}
