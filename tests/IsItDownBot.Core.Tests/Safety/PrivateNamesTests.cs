using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Tests.Safety;

public sealed class PrivateNamesTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("db.corp.internal")]
    [InlineData("printer.local")]
    [InlineData("nas.home.arpa")]
    [InlineData("router.lan")]
    [InlineData("metadata.google.internal")]
    [InlineData("1.0.0.127.in-addr.arpa")]
    [InlineData("kubernetes.default.svc.cluster.local.")]
    public void IsPrivate_ForNamesThatExistOnlyInsideANetwork(string host) => Assert.True(PrivateNames.IsPrivate(host));

    [Theory]
    [InlineData("facebook.com")]
    [InlineData("internal.example.com")]
    [InlineData("local.news")]
    [InlineData("mylan.org")]
    [InlineData("bücher.example")]
    public void IsPrivate_NotForPublicNames_EvenWithAPrivateWordInside(string host) => Assert.False(PrivateNames.IsPrivate(host));
}
