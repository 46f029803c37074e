namespace IsItDownBot.Core.Vantages;

/// <summary>
/// Where vantage points leave their latest results for each other. The store backs it when the bot has one; a
/// <c>check</c> without a database uses <see cref="LocalVantageBoard"/>, and answers from its own vantage only.
/// </summary>
public interface IVantageBoard
{
    /// <summary>Keeps <paramref name="result"/> as its vantage point's latest for its service.</summary>
    Task RecordAsync(VantageResult result, CancellationToken cancellationToken = default);

    /// <summary>The latest result of every vantage point for the service, checked at or after <paramref name="since"/>.</summary>
    Task<IReadOnlyList<VantageResult>> ResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default);
}
