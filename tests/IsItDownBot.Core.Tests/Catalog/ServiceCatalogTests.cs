using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Tests.Catalog;

public class ServiceCatalogTests
{
    private readonly ServiceCatalog _catalog = TestCatalog.Create();

    [Theory]
    [InlineData("facebook", "facebook")]
    [InlineData("Facebook", "facebook")]
    [InlineData("FB", "facebook")]
    [InlineData("face book", "facebook")]
    [InlineData("  insta  ", "instagram")]
    [InlineData("Instagrám", "instagram")]
    [InlineData("INSTAGRÂM", "instagram")]
    [InlineData("whats app", "whatsapp")]
    [InlineData("WhatsApp", "whatsapp")]
    [InlineData("meta-quest", "meta-quest")]
    [InlineData("Meta Quest", "meta-quest")]
    [InlineData("oculus", "meta-quest")]
    [InlineData("x", "x")]
    [InlineData("X (Twitter)", "x")]
    [InlineData("twitter", "x")]
    [InlineData("télégram", "telegram")]
    [InlineData("ｙｏｕｔｕｂｅ", "youtube")]
    public void Find_WhenIdNameOrAliasIsTyped_ReturnsTheService(string text, string expectedId) =>
        Assert.Equal(expectedId, _catalog.Find(text)?.Id);

    [Theory]
    [InlineData("facebok")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("meta")]
    public void Find_WhenNotAnExactName_ReturnsNull(string text) =>
        Assert.Null(_catalog.Find(text));

    [Theory]
    [InlineData("www.facebook.com", "facebook")]
    [InlineData("https://m.facebook.com/some/page", "facebook")]
    [InlineData("facebook.com", "facebook")]
    [InlineData("graph.facebook.com", "facebook")]
    [InlineData("mail.google.com", "gmail")]
    [InlineData("gmail.com", "gmail")]
    [InlineData("google.com", "google")]
    [InlineData("accounts.google.com", "google")]
    [InlineData("drive.google.com", "google")]
    [InlineData("WWW.INSTAGRAM.COM.", "instagram")]
    [InlineData("https://www.meta.com/quest/", "meta-quest")]
    public void Lookup_WhenCatalogHostIsTyped_ReturnsItsService(string text, string expectedId)
    {
        var lookup = _catalog.Lookup(text);

        Assert.Equal(CatalogLookupKind.Service, lookup.Kind);
        Assert.Equal(expectedId, lookup.Service?.Id);
    }

    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData("https://Example.org/x?y=1", "example.org")]
    [InlineData("notfacebook.com", "notfacebook.com")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("[2001:db8::1]", "2001:db8::1")]
    public void Lookup_WhenUnknownDomainIsTyped_ReturnsUserSuppliedDomain(string text, string expectedHost)
    {
        var lookup = _catalog.Lookup(text);

        Assert.Equal(CatalogLookupKind.Domain, lookup.Kind);
        Assert.Equal(expectedHost, lookup.Service?.Zone);
        Assert.True(lookup.Service?.IsUserSupplied);
        Assert.Single(lookup.Service!.Endpoints);
    }

    [Theory]
    [InlineData("example.org", "example.org", "https://example.org/")]
    [InlineData("https://example.org/a/b", "example.org/a/b", "https://example.org/a/b")]
    [InlineData("https://Example.org/x?y=1#z", "example.org/x?y=1", "https://example.org/x?y=1")]
    [InlineData("example.org:8443", "example.org:8443", "https://example.org:8443/")]
    [InlineData("http://example.org/", "http://example.org", "http://example.org/")]
    public void Lookup_WhenAUrlIsTyped_ProbesThatUrlUnderItsOwnName(string text, string expectedId, string expectedEndpoint)
    {
        var lookup = _catalog.Lookup(text);

        Assert.Equal(CatalogLookupKind.Domain, lookup.Kind);
        Assert.Equal(expectedId, lookup.Service?.Id);
        Assert.Equal(expectedEndpoint, Assert.Single(lookup.Service!.Endpoints).AbsoluteUri);
    }

    [Fact]
    public void Lookup_WhenIpv6LiteralIsTyped_BuildsABracketedEndpoint()
    {
        var lookup = _catalog.Lookup("2001:db8::1");

        Assert.Equal("https://[2001:db8::1]/", lookup.Service?.Endpoints[0].ToString());
    }

    [Theory]
    [InlineData("facebok", "facebook")]
    [InlineData("instagarm", "instagram")]
    [InlineData("yotube", "youtube")]
    [InlineData("discrod", "discord")]
    [InlineData("twiter", "x")]
    public void Lookup_WhenTyposAllowed_ResolvesASmallTypo(string text, string expectedId)
    {
        var lookup = _catalog.Lookup(text, allowTypos: true);

        Assert.Equal(CatalogLookupKind.Service, lookup.Kind);
        Assert.Equal(expectedId, lookup.Service?.Id);
    }

    [Fact]
    public void Lookup_WhenTyposNotAllowed_ReturnsUnknownWithSuggestion()
    {
        var lookup = _catalog.Lookup("facebok");

        Assert.Equal(CatalogLookupKind.Unknown, lookup.Kind);
        Assert.Null(lookup.Service);
        Assert.Equal(["facebook"], lookup.Suggestions.Select(service => service.Id));
    }

    [Theory]
    [InlineData("mail")]
    [InlineData("email")]
    [InlineData("book")]
    [InlineData("switch")]
    public void Lookup_WhenAnOrdinaryWordDiffersInItsFirstLetter_DoesNotResolveIt(string text)
    {
        var lookup = _catalog.Lookup(text, allowTypos: true);

        Assert.Equal(CatalogLookupKind.Unknown, lookup.Kind);
    }

    [Theory]
    [InlineData("was")]
    [InlineData("fbi")]
    [InlineData("yet")]
    [InlineData("big")]
    [InlineData("tag")]
    [InlineData("xx")]
    public void Suggest_WhenWordIsOneEditFromATwoLetterAlias_SuggestsNothing(string text) =>
        Assert.Empty(_catalog.Suggest(text));

    [Fact]
    public void Suggest_WhenSeveralNamesAreClose_ListsClosestFirst()
    {
        var catalog = new ServiceCatalog(
        [
            new ServiceDefinition("steam", "Steam", [], null, "steam.example", [], []),
            new ServiceDefinition("stream", "Stream", [], null, "stream.example", [], []),
        ]);

        Assert.Equal(["steam", "stream"], catalog.Suggest("steam").Select(service => service.Id));
        Assert.Equal(["stream", "steam"], catalog.Suggest("stream").Select(service => service.Id));
    }

    [Fact]
    public void Lookup_WhenTwoServicesAreEquallyClose_DoesNotPickOne()
    {
        var catalog = new ServiceCatalog(
        [
            new ServiceDefinition("steam", "Steam", [], null, "steam.example", [], []),
            new ServiceDefinition("steak", "Steak", [], null, "steak.example", [], []),
        ]);

        var lookup = catalog.Lookup("steaz", allowTypos: true);

        Assert.Equal(CatalogLookupKind.Unknown, lookup.Kind);
        Assert.Equal(2, lookup.Suggestions.Count);
    }

    [Fact]
    public void Lookup_WhenNothingIsClose_ReturnsUnknownWithoutSuggestions()
    {
        var lookup = _catalog.Lookup("fooobarbaz", allowTypos: true);

        Assert.Equal(CatalogLookupKind.Unknown, lookup.Kind);
        Assert.Equal("fooobarbaz", lookup.Query);
        Assert.Empty(lookup.Suggestions);
    }

    [Fact]
    public void Lookup_WhenTextHasALoneSurrogate_DoesNotThrow()
    {
        var lookup = _catalog.Lookup("face\uD800book");

        Assert.Equal("facebook", lookup.Service?.Id);
    }

    [Fact]
    public void GroupName_WhenGroupHasADisplayName_ReturnsIt()
    {
        Assert.Equal("Meta", _catalog.GroupName("meta"));
        Assert.Equal("other", _catalog.GroupName("other"));
    }

    [Fact]
    public void FromOptions_WhenConfigured_BuildsServicesInIdOrder()
    {
        var options = new CatalogOptions();
        options.Services["zeta"] = new ServiceOptions { Name = "", Aliases = ["z", " "], Zone = "Zeta.Example.", Endpoints = ["https://zeta.example/"] };
        options.Services["alpha"] = new ServiceOptions { Name = "Alpha", Group = " ", Zone = "alpha.example", Endpoints = ["https://alpha.example/"] };

        var catalog = ServiceCatalog.FromOptions(options);

        Assert.Equal(["alpha", "zeta"], catalog.Services.Select(service => service.Id));
        var zeta = catalog.Find("z");
        Assert.Equal("zeta", zeta?.Name);
        Assert.Equal("zeta.example", zeta?.Zone);
        Assert.Equal(["z"], zeta?.Aliases);
        Assert.Null(catalog.Find("alpha")?.Group);
    }
}
