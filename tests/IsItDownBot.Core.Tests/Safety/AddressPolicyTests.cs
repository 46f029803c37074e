using System.Net;
using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Tests.Safety;

/// <summary>The policy is tested on addresses directly: no test ever sends traffic to them.</summary>
public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.255.254")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]      // carrier-grade NAT
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.251")]     // multicast
    [InlineData("255.255.255.255")]
    [InlineData("192.0.2.10")]      // documentation
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00::1")]         // unique local
    [InlineData("fc12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped loopback
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]   // NAT64 of 10.0.0.1
    [InlineData("2002:c0a8:0101::1")] // 6to4 of 192.168.1.1
    [InlineData("::7f00:1")]          // IPv4-compatible 127.0.0.1
    public void IsPublic_ForInternalAddresses_IsFalse(string address) =>
        Assert.False(AddressPolicy.IsPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("157.240.1.35")]
    [InlineData("129.134.30.12")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]       // just outside 172.16.0.0/12
    [InlineData("100.128.0.1")]      // just outside 100.64.0.0/10
    [InlineData("2a03:2880:f0fc::1")]
    [InlineData("2606:4700::1111")]
    [InlineData("64:ff9b::808:808")] // NAT64 of 8.8.8.8
    public void IsPublic_ForPublicAddresses_IsTrue(string address) =>
        Assert.True(AddressPolicy.IsPublic(IPAddress.Parse(address)));
}
