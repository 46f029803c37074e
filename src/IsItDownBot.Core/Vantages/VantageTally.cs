namespace IsItDownBot.Core.Vantages;

/// <summary>
/// Which other vantage points' results the monitor has already counted. A result stays fresh for
/// <c>IsItDown:Vantages:Freshness</c>, longer than a round: without this, one failure seen once from one region would
/// count in every round that finds it fresh, and could make up a streak of failing rounds on its own.
/// </summary>
public sealed class VantageTally
{
    private readonly Dictionary<(string Service, string Vantage), DateTimeOffset> _counted = [];
    private readonly Lock _gate = new();

    /// <summary>
    /// The results to count in this round: this vantage point's own, and each other one's when it is newer than the
    /// one counted before. Those returned are remembered as counted.
    /// </summary>
    public IReadOnlyList<VantageResult> Uncounted(string ownVantage, IReadOnlyList<VantageResult> fresh)
    {
        ArgumentNullException.ThrowIfNull(fresh);
        lock (_gate)
        {
            var counted = new List<VantageResult>(fresh.Count);
            foreach (var result in fresh)
            {
                if (string.Equals(result.Vantage, ownVantage, StringComparison.Ordinal))
                {
                    counted.Add(result);
                    continue;
                }

                var key = (result.ServiceId, result.Vantage);
                if (_counted.TryGetValue(key, out var before) && result.CheckedAt <= before)
                {
                    continue;
                }

                _counted[key] = result.CheckedAt;
                counted.Add(result);
            }

            return counted;
        }
    }
}
