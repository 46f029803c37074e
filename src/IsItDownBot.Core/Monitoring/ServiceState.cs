namespace IsItDownBot.Core.Monitoring;

/// <summary>The monitor's memory of one service, kept in the store so that a restart continues where it was.</summary>
/// <param name="OpenIncidentId">The incident opened when the service was declared down, until it is back.</param>
/// <param name="DownSince">The first failing round of the current outage, or of a failing streak not yet declared.</param>
/// <param name="UpSince">While a down service passes rounds again, the first of them: the outage ended there.</param>
public sealed record ServiceState(
    string ServiceId,
    ServiceHealth Health,
    int ConsecutiveFailures,
    int ConsecutiveSuccesses,
    long? OpenIncidentId,
    DateTimeOffset? DownSince,
    DateTimeOffset? UpSince = null)
{
    public static ServiceState Initial(string serviceId) => new(serviceId, ServiceHealth.Up, 0, 0, null, null);
}
