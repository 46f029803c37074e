using System.Net;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Tests.Safety;

/// <summary>
/// What people might type to make the bot reach inside its own network, and what becomes of each: not a host
/// at all, or a host whose every address the policy refuses. No traffic: the addresses a name "resolves to"
/// are given here, and the policy judges them exactly as it judges what DNS returns before any connection
/// (see HostileTargetLiveTests for the same path end to end, on loopback only).
/// </summary>
public sealed class HostileTargetTests
{
    private static readonly ServiceCatalog EmptyCatalog = new([]);

    public static TheoryData<string, string?> Refused => new()
    {
        // IP literals and their disguises.
        { "127.0.0.1", null },
        { "http://127.0.0.1/", null },
        { "https://127.0.0.1:8443/admin", null },
        { "http://2130706433/", null },               // decimal 127.0.0.1
        { "http://0x7f000001/", null },               // hex
        { "http://0177.0.0.1/", null },               // octal first byte
        { "http://0x7f.0.0.1/", null },
        { "http://127.1/", null },                    // short form
        { "0.0.0.0", null },
        { "http://[::1]/", null },
        { "[::1]", null },
        { "::1", null },
        { "http://[::]/", null },
        { "http://[::ffff:127.0.0.1]/", null },       // IPv4-mapped
        { "http://[::ffff:7f00:1]/", null },
        { "169.254.169.254", null },                  // cloud metadata
        { "http://169.254.169.254/latest/meta-data/", null },
        { "http://[fd00:ec2::254]/", null },          // AWS metadata over IPv6
        { "10.0.0.1", null },
        { "172.16.0.1", null },
        { "192.168.1.1", null },
        { "100.64.0.1", null },                       // carrier-grade NAT
        { "224.0.0.1", null },                        // multicast
        { "255.255.255.255", null },
        { "[fe80::1]", null },                        // link-local
        { "[fc00::1]", null },                        // unique local
        { "http://[64:ff9b::7f00:1]/", null },        // NAT64 of 127.0.0.1
        { "http://[2002:7f00:1::]/", null },          // 6to4 of 127.0.0.1

        // Userinfo, fragments and ports that try to hide the real host.
        { "http://user:pass@127.0.0.1/", null },
        { "https://evil.example@127.0.0.1/", null },
        { "https://127.0.0.1#@evil.example/", null },
        { "127.0.0.1:22", null },

        // Local names, refused by name before any lookup (see HostileTargetLiveTests); here what they lead to.
        { "localhost", "127.0.0.1" },
        { "LOCALHOST.", "127.0.0.1" },

        // Names whose DNS answers lead inside.
        { "internal.example", "10.0.0.5" },
        { "rebind.example", "127.0.0.1" },
        { "metadata.google.internal", "169.254.169.254" },
        { "v6only.example", "::1" },
        { "LOCALHOST.example", "127.0.0.1" },
        { "127.0.0.1.nip.io", "127.0.0.1" },
        { "bücher.example.", "192.168.0.1" },         // IDN with a trailing dot
        { "xn--bcher-kva.example", "192.168.0.1" },   // the same, already in punycode
        { "ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", "10.1.2.3" },      // full-width characters fold to ASCII
        { "cgnat.example", "100.100.100.100" },
        { "teredo.example", "2001:0:4136:e378:8000:63bf:3fff:fdd2" },
        { "ula.example", "fd12:3456:789a::1" },
    };

    public static TheoryData<string> NotHosts => new()
    {
        "file:///etc/passwd",
        "gopher://127.0.0.1:25/",
        "javascript:alert(1)",
        "ftp://example.org/",
        "%31%32%37.0.0.1",
        "@everyone",
        "<@123456789>",
        "exa mple.org",
        "-leading.example",
        "a.b",
        "",
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void AUserTarget_ThatLeadsInside_IsRefusedBeforeAnyConnection(string typed, string? resolvesTo)
    {
        var lookup = EmptyCatalog.Lookup(typed);

        Assert.Equal(CatalogLookupKind.Domain, lookup.Kind);
        var service = lookup.Service!;
        Assert.True(service.IsUserSupplied);

        // The user chooses a host, a web port and a path, never another scheme nor credentials to send; the prober
        // refuses any other port before looking anything up.
        var endpoint = Assert.Single(service.Endpoints);
        Assert.Contains(endpoint.Scheme, new[] { Uri.UriSchemeHttp, Uri.UriSchemeHttps });
        Assert.Empty(endpoint.UserInfo);
        Assert.Empty(endpoint.Fragment);
        Assert.DoesNotContain("@", endpoint.Authority, StringComparison.Ordinal);

        var addresses = IPAddress.TryParse(endpoint.IdnHost.Trim('[', ']'), out var literal)
            ? [literal]
            : new[] { IPAddress.Parse(resolvesTo!) };
        Assert.All(addresses, address => Assert.False(AddressPolicy.IsPublic(address), $"{typed} -> {address} was allowed"));
    }

    [Theory]
    [MemberData(nameof(NotHosts))]
    public void Input_ThatIsNoHost_IsNotCheckedAtAll(string typed)
    {
        var lookup = EmptyCatalog.Lookup(typed);

        Assert.Equal(CatalogLookupKind.Unknown, lookup.Kind);
        Assert.Null(lookup.Service);
    }

    [Fact]
    public void FullWidthInput_FoldsToTheAsciiHost()
    {
        Assert.True(HostName.TryParse("ｗｗｗ．ｅｘａｍｐｌｅ．ｃｏｍ", out var host));
        Assert.Equal("www.example.com", host);
    }

    [Fact]
    public void TheTable_HasAtLeastFortyHostileInputs() =>
        Assert.True(Refused.Count + NotHosts.Count >= 40);
}
