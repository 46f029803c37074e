using IsItDownBot.Cli;

namespace IsItDownBot.Tests.Cli;

/// <summary>How the configuration layers stack: key by key, except lists, which a higher layer replaces whole.</summary>
public sealed class ConfigurationLayersTests
{
    private static readonly Dictionary<string, string?> Shipped = new()
    {
        ["IsItDown"] = null,
        ["IsItDown:Dns"] = null,
        ["IsItDown:Dns:Timeout"] = "00:00:02",
        ["IsItDown:Dns:RootServers"] = null,
        ["IsItDown:Dns:RootServers:0"] = "198.41.0.4",
        ["IsItDown:Dns:RootServers:1"] = "170.247.170.2",
        ["IsItDown:ControlHosts"] = null,
        ["IsItDown:ControlHosts:0"] = "https://one.one.one.one/",
        ["IsItDown:ControlHosts:1"] = "https://www.wikipedia.org/",
        ["IsItDown:ControlHosts:2"] = "https://www.amazon.com/",
        ["IsItDown:Services:facebook:Name"] = "Facebook",
        ["IsItDown:Services:facebook:Endpoints:0"] = "https://www.facebook.com/",
        ["IsItDown:Services:facebook:Endpoints:1"] = "https://m.facebook.com/",
        ["IsItDown:Services:facebook:NameServers:0:Name"] = "a.ns.facebook.com",
        ["IsItDown:Services:facebook:NameServers:0:Address"] = "129.134.30.12",
    };

    [Fact]
    public void Compose_WhenALayerGivesOneKey_KeepsEveryOtherKeyOfTheLowerLayer()
    {
        var composed = Compose(Shipped, new() { ["IsItDown:Dns:Timeout"] = "00:00:05" });

        Assert.Equal("00:00:05", composed["IsItDown:Dns:Timeout"]);
        Assert.Equal(Shipped.Count(pair => pair.Value is not null), composed.Count);
    }

    [Fact]
    public void Compose_WhenALayerGivesItemZeroOfAList_ReplacesTheWholeList()
    {
        var composed = Compose(Shipped, new() { ["ISITDOWN:ControlHosts:0"] = "https://control.example/" });

        Assert.Equal(["https://control.example/"], Items(composed, "IsItDown:ControlHosts"));
        Assert.Equal(["198.41.0.4", "170.247.170.2"], Items(composed, "IsItDown:Dns:RootServers"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Compose_WhenALayerGivesAnEmptyValue_EmptiesTheList(string? empty)
    {
        // null: an empty JSON array ([]); "": an empty environment variable (IsItDown__Dns__RootServers=).
        var composed = Compose(Shipped, new() { ["IsItDown"] = null, ["IsItDown:Dns"] = null, ["IsItDown:Dns:RootServers"] = empty });

        Assert.Empty(Items(composed, "IsItDown:Dns:RootServers"));
        Assert.False(composed.ContainsKey("IsItDown:Dns:RootServers"));
        Assert.Equal("00:00:02", composed["IsItDown:Dns:Timeout"]);
    }

    [Fact]
    public void Compose_WhenALayerGivesAListInsideADictionary_ReplacesThatListOnly()
    {
        var composed = Compose(Shipped, new() { ["IsItDown:Services:facebook:Endpoints:0"] = "https://facebook.example/" });

        Assert.Equal(["https://facebook.example/"], Items(composed, "IsItDown:Services:facebook:Endpoints"));
        Assert.Equal("Facebook", composed["IsItDown:Services:facebook:Name"]);
        Assert.Equal("129.134.30.12", composed["IsItDown:Services:facebook:NameServers:0:Address"]);
    }

    [Fact]
    public void Compose_WhenALayerGivesAListOfObjects_ReplacesEveryFieldOfEveryItem()
    {
        var composed = Compose(Shipped, new() { ["IsItDown:Services:facebook:NameServers:0:Name"] = "ns.facebook.example" });

        Assert.Equal("ns.facebook.example", composed["IsItDown:Services:facebook:NameServers:0:Name"]);
        Assert.False(composed.ContainsKey("IsItDown:Services:facebook:NameServers:0:Address"));
    }

    [Fact]
    public void Compose_WhenThreeLayersGiveTheSameList_TheHighestWins()
    {
        var composed = Compose(
            Shipped,
            new() { ["IsItDown:ControlHosts:0"] = "https://a.example/", ["IsItDown:ControlHosts:1"] = "https://b.example/" },
            new() { ["IsItDown:ControlHosts:0"] = "https://c.example/" });

        Assert.Equal(["https://c.example/"], Items(composed, "IsItDown:ControlHosts"));
    }

    [Fact]
    public void Compose_WhenALayerEmptiesAServiceOfADictionary_RemovesOnlyThatService()
    {
        var lower = new Dictionary<string, string?>(Shipped) { ["IsItDown:Services:x:Name"] = "X" };

        var composed = Compose(lower, new() { ["IsItDown:Services:facebook"] = null });

        Assert.DoesNotContain(composed.Keys, key => key.StartsWith("IsItDown:Services:facebook", StringComparison.Ordinal));
        Assert.Equal("X", composed["IsItDown:Services:x:Name"]);
    }

    private static Dictionary<string, string> Compose(params Dictionary<string, string?>[] layers) =>
        ConfigurationLayers.Compose(layers);

    private static List<string> Items(Dictionary<string, string> composed, string list) =>
        [.. composed.Where(pair => pair.Key.StartsWith(list + ":", StringComparison.OrdinalIgnoreCase))
            .OrderBy(pair => int.Parse(pair.Key[(list.Length + 1)..].Split(':')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Select(pair => pair.Value)];
}
