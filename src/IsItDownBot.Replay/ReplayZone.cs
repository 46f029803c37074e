using IsItDownBot.Replay.Loopback;

namespace IsItDownBot.Replay;

/// <summary>A DNS zone of the replay (facebook.test) and its own name servers, delegated from the <c>test.</c> TLD.</summary>
public sealed class ReplayZone(string name, IReadOnlyList<LoopbackDnsServer> nameServers)
{
    public string Name { get; } = name;

    public IReadOnlyList<LoopbackDnsServer> NameServers { get; } = nameServers;

    /// <summary>Every name server of the zone behaves this way (<see cref="DnsBehaviour.Silent"/>: unreachable).</summary>
    public void SetBehaviour(DnsBehaviour behaviour)
    {
        foreach (var server in NameServers)
            server.SetBehaviour(Name, behaviour);
    }
}
