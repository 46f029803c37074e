using IsItDownBot.Core.Safety;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Configuration;

/// <summary>The abuse limits: defaults, configuration, and validation that names the nested key.</summary>
public sealed class LimitConfigurationTests
{
    [Fact]
    public void Limits_WithoutConfiguration_UseTheDefaults()
    {
        using var provider = Build([]);

        var limits = provider.GetRequiredService<IOptions<QuestionLimitOptions>>().Value;

        Assert.Equal((10, TimeSpan.FromMinutes(1)), (limits.PerUser.Count, limits.PerUser.Per));
        Assert.Equal(30, limits.PerChannel.Count);
        Assert.Equal(3, limits.DomainChecksPerUser.Count);
        Assert.Equal(60, limits.DomainChecks.Count);
    }

    [Theory]
    [InlineData("IsItDown:Limits:PerUser:Count", "0")]
    [InlineData("IsItDown:Limits:PerChannel:Per", "00:00:00")]
    [InlineData("IsItDown:Limits:DomainChecks:Count", "1000000")]
    public void Limits_WithAnInvalidValue_FailAtStartNamingTheNestedKey(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["IsItDown:Dns:Resolvers:0"] = "127.0.0.1";
        return new ServiceCollection()
            .AddIsItDownCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }
}
