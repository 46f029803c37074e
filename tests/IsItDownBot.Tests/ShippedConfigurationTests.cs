using IsItDownBot.Cli;
using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Tests;

/// <summary>The appsettings.json that ships beside the executable: valid, and holding the catalog people ask about.</summary>
public sealed class ShippedConfigurationTests
{
    private static ServiceCatalog LoadCatalog()
    {
        using var provider = CoreServices.Build(AppConfiguration.ShippedFile, configFile: null);
        return provider.GetRequiredService<ServiceCatalog>();
    }

    [Theory]
    [InlineData("facebook")]
    [InlineData("messenger")]
    [InlineData("instagram")]
    [InlineData("whatsapp")]
    [InlineData("threads")]
    [InlineData("meta-quest")]
    public void Catalog_MetaServices_ShareTheMetaGroup(string id)
    {
        var service = LoadCatalog().Find(id);

        Assert.NotNull(service);
        Assert.Equal("meta", service.Group);
        Assert.True(service.Endpoints.Count >= 2, $"{id} should have several endpoints");
    }

    [Fact]
    public void Monitor_AsShipped_WatchesEveryServiceOfTheCatalog()
    {
        using var provider = CoreServices.Build(AppConfiguration.ShippedFile, configFile: null);
        var monitor = provider.GetRequiredService<IOptions<MonitorOptions>>().Value;
        var catalog = provider.GetRequiredService<ServiceCatalog>();

        Assert.Equal(catalog.Services, AlwaysWatched.Expand(monitor.AlwaysWatch, catalog));
        Assert.True(catalog.Services.Count >= 20, "the shipped catalog should hold the usual services");
    }

    [Theory]
    [InlineData("fb", "facebook")]
    [InlineData("insta", "instagram")]
    [InlineData("ig", "instagram")]
    [InlineData("wa", "whatsapp")]
    [InlineData("oculus", "meta-quest")]
    [InlineData("twitter", "x")]
    [InlineData("yt", "youtube")]
    [InlineData("discord", "discord")]
    [InlineData("telegram", "telegram")]
    [InlineData("google", "google")]
    [InlineData("cloudflare", "cloudflare")]
    public void Catalog_FindsServicesByAlias(string alias, string id) =>
        Assert.Equal(id, LoadCatalog().Find(alias)?.Id);

    [Fact]
    public void Catalog_Facebook_HasItsFourNameServers()
    {
        var facebook = LoadCatalog().Find("facebook")!;

        Assert.Equal("facebook.com", facebook.Zone);
        Assert.Equal(
            ["a.ns.facebook.com 129.134.30.12", "b.ns.facebook.com 129.134.31.12", "c.ns.facebook.com 185.89.218.12", "d.ns.facebook.com 185.89.219.12"],
            facebook.NameServers.Select(server => $"{server.Name} {server.Address}"));
    }

    [Theory]
    [InlineData("discord", "https://discordstatus.com/")]
    [InlineData("github", "https://www.githubstatus.com/")]
    [InlineData("reddit", "https://www.redditstatus.com/")]
    [InlineData("cloudflare", "https://www.cloudflarestatus.com/")]
    public void Catalog_ServicesWithAStatuspagePage_NameIt(string id, string page) =>
        Assert.Equal(new Uri(page), LoadCatalog().Find(id)?.StatusPage);

    [Theory]
    [InlineData("facebook")]
    [InlineData("telegram")]
    public void Catalog_ServicesWithoutAStatuspagePage_NameNone(string id) =>
        Assert.Null(LoadCatalog().Find(id)?.StatusPage);

    [Fact]
    public void QuestionParser_WithTheShippedCatalog_UnderstandsTheUsualQuestions()
    {
        var parser = new QuestionParser(LoadCatalog());

        Assert.Equal("whatsapp", parser.Parse("is WhatsApp down?").Target?.Service?.Id);
        Assert.Equal("instagram", parser.Parse("instagram est en panne ?").Target?.Service?.Id);
        Assert.Equal("facebook", parser.Parse("facebook marche pas").Target?.Service?.Id);
    }
}
