using DnsClient;
using DnsClient.Protocol;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>A parent's answer that it does not hold a name but knows who does: the child zone, its servers, their glue.</summary>
internal sealed record Referral(string Zone, IReadOnlyList<string> NameServers, IReadOnlyList<ServerAddress> Glue)
{
    /// <summary>
    /// Reads a referral from an answer of <paramref name="parentZone"/>'s servers about <paramref name="name"/>:
    /// no AA flag, NS records in the authority section for a zone below the parent that holds the name.
    /// Anything else (an answer, an upward or sideways referral) is not a referral the walk may follow.
    /// </summary>
    public static Referral? Parse(IDnsQueryResponse response, string parentZone, string name)
    {
        if (response.Header.ResponseCode != DnsHeaderResponseCode.NoError || response.Header.HasAuthorityAnswer)
        {
            return null;
        }

        var records = response.Authorities.NsRecords()
            .Select(record => (Zone: DnsNames.Normalize(record.DomainName), Server: DnsNames.Normalize(record.NSDName)))
            .Where(record => DnsNames.IsBelow(record.Zone, parentZone) && DnsNames.IsAtOrUnder(name, record.Zone))
            .ToList();
        if (records.Count == 0)
        {
            return null;
        }

        // The deepest zone wins should a server list more than one level.
        var zone = records.MaxBy(record => record.Zone.Length).Zone;
        var servers = records.Where(record => record.Zone == zone).Select(record => record.Server).Distinct().ToList();
        var glue = response.Additionals.OfType<AddressRecord>()
            .Select(record => new ServerAddress(DnsNames.Normalize(record.DomainName), record.Address))
            .Where(address => servers.Contains(address.Name))
            .Distinct()
            .ToList();
        return new Referral(zone, servers, glue);
    }
}
