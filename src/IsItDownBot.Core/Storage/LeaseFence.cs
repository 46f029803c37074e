namespace IsItDownBot.Core.Storage;

/// <summary>
/// A condition on a round's commit: <paramref name="Holder"/> still holds the lease <paramref name="Name"/> at
/// <paramref name="At"/>. Checked inside the commit's transaction, so an instance whose lease ran out while its
/// round was under way (a long pause, a slow database) cannot write transitions its successor also decides.
/// </summary>
public sealed record LeaseFence(string Name, string Holder, DateTimeOffset At);

/// <summary>A fenced commit found its lease held by another instance, or expired: nothing was written.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException()
    {
    }

    public LeaseLostException(string message)
        : base(message)
    {
    }

    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public static LeaseLostException For(LeaseFence fence)
    {
        ArgumentNullException.ThrowIfNull(fence);
        return new LeaseLostException($"The lease '{fence.Name}' is no longer held by {fence.Holder}: the round's decisions were not written.");
    }
}
