namespace IsItDownBot.Core.Probing.Dns;

/// <summary>How a query travels. Name servers must answer over both: some firewalls drop one of them.</summary>
public enum DnsTransport
{
    Udp,
    Tcp,
}
