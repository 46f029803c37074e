using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Core.Storage;

/// <summary>How a service's health is spelled in <c>service_state.health</c>, the same in every provider.</summary>
internal static class HealthCodes
{
    public static string From(ServiceHealth health) => health switch
    {
        ServiceHealth.Up => "up",
        ServiceHealth.Down => "down",
        _ => throw new ArgumentOutOfRangeException(nameof(health), health, "Unknown health."),
    };

    public static ServiceHealth Parse(string health) => health switch
    {
        "up" => ServiceHealth.Up,
        "down" => ServiceHealth.Down,
        _ => throw new InvalidDataException($"service_state holds an unknown health '{health}'."),
    };
}
