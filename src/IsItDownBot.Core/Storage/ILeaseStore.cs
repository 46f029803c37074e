namespace IsItDownBot.Core.Storage;

/// <summary>
/// Named leases in the shared database: the way several instances agree that only one of them does a job
/// (the monitor's rounds). A lease is held until it expires; its holder renews it, and anyone takes it over
/// once it has expired, so a holder that dies is replaced after at most one lease.
/// </summary>
public interface ILeaseStore
{
    /// <summary>
    /// Takes or renews the lease for <paramref name="holder"/> until <paramref name="now"/> + <paramref name="duration"/>
    /// when it is free, expired or already held by it; otherwise leaves it. Returns who holds it afterwards.
    /// </summary>
    Task<LeaseHolder> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken = default);

    /// <summary>Gives the lease up at once if <paramref name="holder"/> holds it, so another instance need not wait for it to expire.</summary>
    Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default);
}

/// <summary>Who holds a lease and until when.</summary>
public sealed record LeaseHolder(string Holder, DateTimeOffset ExpiresAt);
