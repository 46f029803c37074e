using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Tests.Monitoring;

public sealed class AlwaysWatchedTests
{
    [Fact]
    public void Expand_WhenTheEntryIsAStar_ReturnsEveryServiceOfTheCatalog()
    {
        var catalog = TestCatalog.Create();

        var watched = AlwaysWatched.Expand(["*"], catalog);

        Assert.Equal(catalog.Services.Select(service => service.Id), watched.Select(service => service.Id));
        Assert.True(watched.Count > 5, "the test catalog should hold several services");
    }

    [Fact]
    public void Expand_WhenAStarIsAmongIds_StillReturnsEachServiceOnce()
    {
        var catalog = TestCatalog.Create();

        var watched = AlwaysWatched.Expand(["facebook", " * "], catalog);

        Assert.Equal(catalog.Services.Count, watched.Count);
    }

    [Fact]
    public void Expand_WhenIdsAndAliasesNameOneService_ReturnsItOnce()
    {
        var watched = AlwaysWatched.Expand(["facebook", "fb", "discord"], TestCatalog.Create());

        Assert.Equal(["facebook", "discord"], watched.Select(service => service.Id));
    }

    [Fact]
    public void Expand_WhenEmpty_ReturnsNothing() =>
        Assert.Empty(AlwaysWatched.Expand([], TestCatalog.Create()));
}
