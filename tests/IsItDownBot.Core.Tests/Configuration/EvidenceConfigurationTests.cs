using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Routing;
using IsItDownBot.Core.Probing.StatusPages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Configuration;

/// <summary>The keys of the evidence sources: defaults, validation naming the key, and the catalog's status pages.</summary>
public sealed class EvidenceConfigurationTests
{
    [Fact]
    public void Routing_WithoutConfiguration_UsesRipestatDefaults()
    {
        using var provider = Build([]);

        var routing = provider.GetRequiredService<IOptions<RoutingOptions>>().Value;

        Assert.True(routing.Enabled);
        Assert.Equal("https://stat.ripe.net/data/looking-glass/data.json", routing.LookingGlassUrl);
        Assert.Equal(8, routing.MaxAddresses);
        Assert.Equal("isitdownbot", routing.SourceApp);
    }

    [Theory]
    [InlineData("IsItDown:Routing:LookingGlassUrl", "stat.ripe.net/data/looking-glass/data.json")]
    [InlineData("IsItDown:Routing:LookingGlassUrl", "ftp://stat.ripe.net/data.json")]
    [InlineData("IsItDown:Routing:MaxAddresses", "0")]
    [InlineData("IsItDown:Routing:MaxAddresses", "1000")]
    [InlineData("IsItDown:Routing:SourceApp", "is it down bot")]
    public void Routing_WithAnInvalidValue_FailsAtStartNamingTheKey(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("discordstatus.com")]
    [InlineData("ftp://discordstatus.com")]
    [InlineData("/status")]
    public void StatusPage_WhenNotAnHttpUrl_FailsAtStartNamingTheKey(string value)
    {
        using var provider = Build(new() { ["IsItDown:Services:discord:StatusPage"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("IsItDown:Services:discord:StatusPage", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalog_ReadsEachServicesStatusPage()
    {
        using var provider = Build(new()
        {
            ["IsItDown:Services:discord:StatusPage"] = "https://discordstatus.com",
            ["IsItDown:Services:telegram:Name"] = "Telegram",
            ["IsItDown:Services:telegram:Endpoints:0"] = "https://telegram.org/",
        });
        provider.GetRequiredService<IStartupValidator>().Validate();

        var catalog = provider.GetRequiredService<ServiceCatalog>();

        Assert.Equal(new Uri("https://discordstatus.com/"), catalog.Find("discord")?.StatusPage);
        Assert.Null(catalog.Find("telegram")?.StatusPage);
    }

    [Fact]
    public void Catalog_ADomainAUserTyped_HasNoStatusPage() =>
        Assert.Null(ServiceDefinition.ForDomain("example.org").StatusPage);

    [Fact]
    public void Core_RegistersBothSourcesOverOneSharedClient()
    {
        using var provider = Build([]);
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.NotNull(provider.GetRequiredService<RoutingProbe>());
        Assert.NotNull(provider.GetRequiredService<StatusPageProbe>());
        Assert.Same(provider.GetRequiredService<EvidenceHttpClient>(), provider.GetRequiredService<EvidenceHttpClient>());
    }

    /// <summary>The core as the executable wires it, with one valid service and these settings on top.</summary>
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["IsItDown:Dns:Resolvers:0"] = "127.0.0.1",
            ["IsItDown:Services:discord:Name"] = "Discord",
            ["IsItDown:Services:discord:Zone"] = "discord.com",
            ["IsItDown:Services:discord:Endpoints:0"] = "https://discord.com/",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        return new ServiceCollection()
            .AddIsItDownCore(new ConfigurationBuilder().AddInMemoryCollection(all).Build())
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true });
    }
}
