namespace IsItDownBot.Core.Monitoring;

/// <summary>The monitor's memory of one service, kept in the store so that a restart continues where it was.</summary>
/// <param name="OpenIncidentId">The incident opened when the service was declared down, until it is back.</param>
public sealed record ServiceState(
    string ServiceId,
    ServiceHealth Health,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    long? OpenIncidentId,
    DateTimeOffset? DownSince)
{
    public static ServiceState Initial(string serviceId) => new(serviceId, ServiceHealth.Up, 0, 0, null, null);
}
