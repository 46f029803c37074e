using System.Globalization;

namespace IsItDownBot.Core.Hosting;

/// <summary>
/// This instance's name in the shared database's leases (the monitor's rounds, the Telegram poller): the machine
/// and the process, and a random part in case a process id is reused. One per host, so every lease an instance
/// holds names it the same way in the logs and in the <c>leases</c> table.
/// </summary>
public sealed class InstanceName
{
    public string Value { get; } = string.Create(
        CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    public override string ToString() => Value;
}
