using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Benchmarks.Worlds;

/// <summary>The bot's real core, wired as the executable wires it, seeing only a loopback world.</summary>
internal sealed class BotCore : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private BotCore(ServiceProvider provider)
    {
        _provider = provider;
        Checker = provider.GetRequiredService<StatusChecker>();
        Catalog = provider.GetRequiredService<ServiceCatalog>();
    }

    public StatusChecker Checker { get; }

    public ServiceCatalog Catalog { get; }

    /// <param name="cacheTtl">The report cache's time-to-live for this core (each core has its own cache).</param>
    public static BotCore Build(IDictionary<string, string?> settings, TimeSpan cacheTtl)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings)
            .AddInMemoryCollection(new Dictionary<string, string?> { ["IsItDown:Cache:Ttl"] = cacheTtl.ToString("c") })
            .Build();
        return new BotCore(new ServiceCollection().AddIsItDownCore(configuration).BuildServiceProvider());
    }

    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
