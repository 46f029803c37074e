using IsItDownBot.Core.Configuration;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Tests.Configuration;

public sealed class MonitoringOptionsValidatorTests
{
    private readonly MonitoringOptionsValidator _validator = new(TestCatalog.Create());

    [Theory]
    [InlineData("*")]
    [InlineData("facebook")]
    [InlineData("fb")]
    public void Validate_WhenAlwaysWatchIsAStarOrACatalogName_Succeeds(string entry) =>
        Assert.True(_validator.Validate(null, new MonitorOptions { AlwaysWatch = [entry] }).Succeeded);

    [Fact]
    public void Validate_WhenAlwaysWatchNamesAnUnknownService_NamesTheKeyAndSaysWhatFits()
    {
        var result = _validator.Validate(null, new MonitorOptions { AlwaysWatch = ["*", "myspace"] });

        Assert.True(result.Failed);
        Assert.Contains(
            "IsItDown:Monitor:AlwaysWatch:1: 'myspace' is not a service of the catalog (give catalog ids, or \"*\" for all of them).",
            result.FailureMessage,
            StringComparison.Ordinal);
    }
}
