namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>How much one round may ask: enough to see a delegation's health, not enough to load anyone's servers.</summary>
internal static class DelegationLimits
{
    /// <summary>Zones rarely have more than eight name servers; asking more adds load and little evidence.</summary>
    public const int MaxServers = 8;

    /// <summary>Two addresses per family show whether a family works; more only repeat it.</summary>
    public const int MaxAddressesPerFamily = 2;
}
