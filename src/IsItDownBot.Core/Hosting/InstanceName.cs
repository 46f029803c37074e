using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace IsItDownBot.Core.Hosting;

/// <summary>
/// This instance's name in the shared database's leases (the monitor's rounds, the Telegram poller): the machine
/// and the process, and a random part in case a process id is reused. One per host, so every lease an instance
/// holds names it the same way in the logs and in the <c>leases</c> table.
/// </summary>
public sealed class InstanceName : IDisposable
{
    // The instances alive in this process: usually one, several when tests run hosts side by side.
    private static readonly ConcurrentDictionary<string, bool> LiveHere = new(StringComparer.Ordinal);

    public InstanceName() => LiveHere[Value] = true;

    public string Value { get; } = string.Create(
        CultureInfo.InvariantCulture, $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..8]}");

    /// <summary>
    /// True when <paramref name="holder"/> names an instance of this machine that no longer runs: its process is
    /// gone, or it had this process's id but is not alive in it (an earlier run, before a restart that reused the
    /// id, as a container's process 1 does). False whenever that cannot be known for sure.
    /// </summary>
    public static bool IsGoneFromThisMachine(string holder)
    {
        ArgumentNullException.ThrowIfNull(holder);
        var parts = holder.Split('/');
        if (parts.Length != 3
            || !string.Equals(parts[0], Environment.MachineName, StringComparison.Ordinal)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var processId))
        {
            return false;
        }

        if (processId == Environment.ProcessId)
        {
            return !LiveHere.ContainsKey(holder);
        }

        try
        {
            using var process = Process.GetProcessById(processId);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true; // no process has that id
        }
#pragma warning disable CA1031 // Not allowed to look: then it may be alive.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    public void Dispose() => LiveHere.TryRemove(Value, out _);

    public override string ToString() => Value;
}
