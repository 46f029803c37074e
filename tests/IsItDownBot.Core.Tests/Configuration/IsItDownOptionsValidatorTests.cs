using IsItDownBot.Core.Configuration;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Tests.Configuration;

public sealed class IsItDownOptionsValidatorTests
{
    [Fact]
    public void Validate_WhenRootServersAreAddresses_Succeeds()
    {
        var options = new DnsOptions { Resolvers = ["system"], RootServers = ["198.41.0.4", "2001:503:ba3e::2:30"] };

        Assert.True(new IsItDownOptionsValidator().Validate(null, options).Succeeded);
    }

    [Theory]
    [InlineData("a.root-servers.net")]
    [InlineData("198.41.0.4:53")]
    [InlineData("[2001:503:ba3e::2:30]:53")]
    [InlineData("12345")]
    public void Validate_WhenARootServerIsNotAnIpAddress_NamesTheKey(string spec)
    {
        var options = new DnsOptions { Resolvers = ["system"], RootServers = ["198.41.0.4", spec] };

        var result = new IsItDownOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"IsItDown:Dns:RootServers:1: '{spec}' is not an IP address", result.FailureMessage, StringComparison.Ordinal);
    }
}
