namespace IsItDownBot.Core.Monitoring;

/// <summary>What the monitor has declared about a service, after its thresholds.</summary>
public enum ServiceHealth
{
    Up,
    Down,
}
