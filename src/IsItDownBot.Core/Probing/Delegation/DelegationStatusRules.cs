namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>Reads the name servers' answers into one status. Pure, so every status is testable from recorded checks.</summary>
internal static class DelegationStatusRules
{
    /// <summary>
    /// Precedence: Unreachable, PartlyUnreachable, Lame, SerialMismatch, Healthy. A server counts as answering
    /// when any of its addresses or transports answered: "network unreachable" for IPv6 on a machine without
    /// IPv6 says nothing about a server whose IPv4 address answered. Servers whose every address was blocked
    /// by the address policy were not asked and do not count; when none was asked the status is NotChecked.
    /// </summary>
    public static DelegationStatus Classify(IReadOnlyList<NameServerCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var servers = checks
            .Where(check => check.Result.Outcome is not (ProbeOutcome.Blocked or ProbeOutcome.Skipped))
            .GroupBy(check => check.Server, StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (servers.Count == 0)
        {
            return DelegationStatus.NotChecked;
        }

        var answering = servers.Count(server => server.Any(check => check.Answered));
        if (answering == 0)
        {
            return DelegationStatus.Unreachable;
        }

        if (answering < servers.Count)
        {
            return DelegationStatus.PartlyUnreachable;
        }

        if (checks.Any(check => check.Lame))
        {
            return DelegationStatus.Lame;
        }

        return OutOfStep(checks).Count > 0 ? DelegationStatus.SerialMismatch : DelegationStatus.Healthy;
    }

    /// <summary>
    /// The answers of each DNS provider whose servers disagree about the serial. Serials are compared only within
    /// a provider: a zone served by two providers (NS1 and Route 53) numbers its copies twice, independently, so
    /// they always differ there without anything being wrong.
    /// </summary>
    public static IReadOnlyList<NameServerCheck> OutOfStep(IReadOnlyList<NameServerCheck> checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        return [.. checks
            .Where(check => check.Result.Ok && check.Serial is not null)
            .GroupBy(check => DnsNames.Provider(check.Server), StringComparer.OrdinalIgnoreCase)
            .Where(provider => provider.Select(check => check.Serial).Distinct().Skip(1).Any())
            .SelectMany(provider => provider)];
    }
}
