using System.Net;

namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>One address of a name server; root servers are named "root".</summary>
internal sealed record ServerAddress(string Name, IPAddress Address);
