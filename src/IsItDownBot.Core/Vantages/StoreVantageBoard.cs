using IsItDownBot.Core.Storage;

namespace IsItDownBot.Core.Vantages;

/// <summary>The vantage points' results kept in the bot's store, which every instance of a deployment shares.</summary>
public sealed class StoreVantageBoard(IBotStore store) : IVantageBoard
{
    public Task RecordAsync(VantageResult result, CancellationToken cancellationToken = default) =>
        store.RecordVantageResultAsync(result, cancellationToken);

    public Task<IReadOnlyList<VantageResult>> ResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        store.VantageResultsAsync(serviceId, since, cancellationToken);
}
