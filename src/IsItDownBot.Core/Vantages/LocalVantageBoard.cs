namespace IsItDownBot.Core.Vantages;

/// <summary>No sharing: nothing is kept and nobody else is heard from, so every answer is the local vantage's alone.</summary>
public sealed class LocalVantageBoard : IVantageBoard
{
    public static LocalVantageBoard Instance { get; } = new();

    public Task RecordAsync(VantageResult result, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<IReadOnlyList<VantageResult>> ResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<VantageResult>>([]);
}
