using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Tests.Configuration;

/// <summary>The vantage keys: defaults, the name read beside the section, and validation that names the key.</summary>
public sealed class VantageConfigurationTests
{
    [Fact]
    public void Vantage_WithoutConfiguration_IsOneLocalVantageWithQuorumOne()
    {
        using var provider = Build([]);

        var options = provider.GetRequiredService<IOptions<VantageOptions>>().Value;

        Assert.Equal(("local", TimeSpan.FromMinutes(2), 1), (options.Name, options.Freshness, options.Quorum));
        Assert.IsType<LocalVantageBoard>(provider.GetRequiredService<IVantageBoard>());
    }

    [Fact]
    public void Vantage_IsReadFromItsOwnKey_AndTheRestFromTheSection()
    {
        using var provider = Build(new()
        {
            ["IsItDown:Vantage"] = "eu-west-2",
            ["IsItDown:Vantages:Freshness"] = "00:05:00",
            ["IsItDown:Vantages:Quorum"] = "2",
        });

        provider.GetRequiredService<IStartupValidator>().Validate();
        var options = provider.GetRequiredService<IOptions<VantageOptions>>().Value;

        Assert.Equal(("eu-west-2", TimeSpan.FromMinutes(5), 2), (options.Name, options.Freshness, options.Quorum));
    }

    [Theory]
    [InlineData("IsItDown:Vantage", "eu west")]
    [InlineData("IsItDown:Vantage", "-eu")]
    [InlineData("IsItDown:Vantage", "région")]
    [InlineData("IsItDown:Vantage", "a-name-that-is-far-too-long-to-read-in-a-sentence")]
    [InlineData("IsItDown:Vantages:Quorum", "0")]
    [InlineData("IsItDown:Vantages:Freshness", "00:00:00")]
    public void Vantage_WithAnInvalidValue_FailsAtStartNamingTheKey(string key, string value)
    {
        using var provider = Build(new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(key + ":", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings["IsItDown:Dns:Resolvers:0"] = "127.0.0.1";
        return new ServiceCollection()
            .AddIsItDownCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
    }
}
