using IsItDownBot.Core.Safety;

namespace IsItDownBot.Core.Tests.Safety;

public sealed class PrivateAddressRedactionTests
{
    [Theory]
    [InlineData("NOERROR: 10.96.0.12", "NOERROR: a private address")]
    [InlineData("NOERROR: 93.184.215.14, 192.168.1.10", "NOERROR: 93.184.215.14, a private address")]
    [InlineData("ns1.evil.example (127.0.0.53) UDP", "ns1.evil.example (a private address) UDP")]
    [InlineData("NOERROR: ::1, fd00:ec2::254, 2606:4700::1111", "NOERROR: a private address, a private address, 2606:4700::1111")]
    [InlineData("connected in 12:30 ms", "connected in 12:30 ms")]
    [InlineData("version 1.2.3.4000", "version 1.2.3.4000")]
    public void Redact_HidesPrivateAndReservedAddressesOnly(string text, string expected) =>
        Assert.Equal(expected, PrivateAddressRedaction.Redact(text, "a private address"));
}
