namespace IsItDownBot.Core.Health;

/// <summary>What one readiness check saw: ready, or not with a reason an operator can act on.</summary>
public sealed record ReadinessResult(bool IsReady, string? Reason)
{
    public static readonly ReadinessResult Ready = new(true, null);

    public static ReadinessResult NotReady(string reason) => new(false, reason);
}
