using System.Data.Common;
using IsItDownBot.Core.Health;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// Ready when the database answers a query on the outbox (it exists, its schema is migrated, it is not locked out)
/// and the latest writes of the background loops succeeded (not full, not read-only, not locked for too long).
/// </summary>
internal sealed class StoreReadinessCheck(IBotStore store, StoreWriteHealth writes) : IReadinessCheck
{
    public string Name => "database";

    public async Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            _ = await store.PendingAlertCountAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is DbException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return ReadinessResult.NotReady($"the database does not answer ({exception.GetType().Name}: {exception.Message})");
        }

        return writes.Failure is { } failure
            ? ReadinessResult.NotReady($"writes to the database fail ({failure})")
            : ReadinessResult.Ready;
    }
}
