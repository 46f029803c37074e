using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>The real core, wired as the executable wires it, configured to see only a <see cref="LoopbackWorld"/>.</summary>
internal static class LoopbackBot
{
    public static ServiceProvider Build(LoopbackWorld world) =>
        new ServiceCollection()
            .AddIsItDownCore(new ConfigurationBuilder().AddInMemoryCollection(world.Settings).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });

    public static async Task<StatusReport> CheckAsync(LoopbackWorld world, string serviceOrDomain)
    {
        await using var provider = Build(world);
        var lookup = provider.GetRequiredService<ServiceCatalog>().Lookup(serviceOrDomain);
        Assert.NotNull(lookup.Service);
        return await provider.GetRequiredService<StatusChecker>().CheckAsync(lookup.Service);
    }
}
