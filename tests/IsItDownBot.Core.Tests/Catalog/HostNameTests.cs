using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Tests.Catalog;

public class HostNameTests
{
    [Theory]
    [InlineData("example.org", "example.org")]
    [InlineData("Example.ORG", "example.org")]
    [InlineData("  example.org  ", "example.org")]
    [InlineData("example.org.", "example.org")]
    [InlineData("example.org/path?q=1#top", "example.org")]
    [InlineData("example.org:8443", "example.org")]
    [InlineData("https://example.org/x", "example.org")]
    [InlineData("http://Example.org:8080/x", "example.org")]
    [InlineData("https://user:secret@example.org/", "example.org")]
    [InlineData("user@example.org", "example.org")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("https://bücher.de/", "xn--bcher-kva.de")]
    [InlineData("a-b.example.org", "a-b.example.org")]
    public void TryParse_WhenTextNamesAHost_ReturnsItInLowerCaseAscii(string text, string expected)
    {
        Assert.True(HostName.TryParse(text, out var host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData("192.0.2.7", "192.0.2.7")]
    [InlineData("192.0.2.7:443", "192.0.2.7")]
    [InlineData("https://192.0.2.7/", "192.0.2.7")]
    [InlineData("2001:db8::1", "2001:db8::1")]
    [InlineData("[2001:DB8::1]", "2001:db8::1")]
    [InlineData("https://[2001:db8::1]:8443/x", "2001:db8::1")]
    public void TryParse_WhenTextIsAnIpLiteral_ReturnsTheAddress(string text, string expected)
    {
        Assert.True(HostName.TryParse(text, out var host));
        Assert.Equal(expected, host);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("facebook")]
    [InlineData("example..")]
    [InlineData("-bad.example.org")]
    [InlineData("bad-.example.org")]
    [InlineData("a..b.org")]
    [InlineData("exa mple.org")]
    [InlineData("example.123")]
    [InlineData("1.2.3")]
    [InlineData("10.30")]
    [InlineData("2.0")]
    [InlineData("e.g")]
    [InlineData("ftp://example.org/")]
    [InlineData("12:30")]
    public void TryParse_WhenTextIsNotAHost_ReturnsFalse(string? text)
    {
        Assert.False(HostName.TryParse(text, out var host));
        Assert.Equal("", host);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("LOCALHOST")]
    [InlineData("localhost.")]
    [InlineData("https://localhost/")]
    [InlineData("localhost:443")]
    public void TryParse_WhenTextIsLocalhost_ReturnsItSoTheProberCanRefuseIt(string text)
    {
        Assert.True(HostName.TryParse(text, out var host));
        Assert.Equal("localhost", host);
    }

    [Theory]
    [InlineData("example.org", "https://example.org/")]
    [InlineData("example.org:443", "https://example.org/")]
    [InlineData("example.org:80", "http://example.org/")]
    [InlineData("example.org:8443", "https://example.org:8443/")]
    [InlineData("https://example.org/a/b", "https://example.org/a/b")]
    [InlineData("example.org/a/b?x=1&y=2#top", "https://example.org/a/b?x=1&y=2")]
    [InlineData("https://user:secret@Example.org/a?q=1#frag", "https://example.org/a?q=1")]
    [InlineData("http://example.org/status", "http://example.org/status")]
    [InlineData("http://example.org:8080/x", "http://example.org:8080/x")]
    [InlineData("https://bücher.de/über", "https://xn--bcher-kva.de/%C3%BCber")]
    [InlineData("https://[2001:db8::1]:8443/x", "https://[2001:db8::1]:8443/x")]
    [InlineData("192.0.2.7/health", "https://192.0.2.7/health")]
    public void TryParseTarget_KeepsSchemePortPathAndQuery_DropsFragmentAndCredentials(string text, string expected)
    {
        Assert.True(HostName.TryParseTarget(text, out _, out var endpoint));
        Assert.Equal(expected, endpoint.AbsoluteUri);
    }

    [Theory]
    [InlineData("facebook")]
    [InlineData("ftp://example.org/")]
    public void TryParseTarget_WhenTextIsNotAHost_ReturnsFalse(string text)
    {
        Assert.False(HostName.TryParseTarget(text, out _, out var endpoint));
        Assert.Null(endpoint);
    }

    [Fact]
    public void TryParse_WhenALabelIsTooLong_ReturnsFalse()
    {
        Assert.True(HostName.TryParse(new string('a', 63) + ".org", out _));
        Assert.False(HostName.TryParse(new string('a', 64) + ".org", out _));
    }

    [Fact]
    public void TryParse_WhenTextIsHuge_ReturnsFalse() =>
        Assert.False(HostName.TryParse(new string('a', 3000) + ".org", out _));
}
