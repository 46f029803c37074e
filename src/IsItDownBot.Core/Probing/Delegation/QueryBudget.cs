namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>
/// How many more DNS queries one walk may send, shared by the walk, its nested walks for glue-less servers and
/// their resolver lookups. Without it a hostile domain, delegated to glue-less servers in other hostile zones
/// that are delegated the same way, turns one user's question into thousands of queries sent by the bot.
/// </summary>
internal sealed class QueryBudget
{
    private int _remaining;

    public QueryBudget(int queries)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(queries);
        Limit = queries;
        _remaining = queries;
    }

    public int Limit { get; }

    public int Remaining => Volatile.Read(ref _remaining);

    /// <summary>Takes <paramref name="queries"/> from the budget, or nothing when fewer are left.</summary>
    /// <remarks>Lock-free: the lookups of a level's glue-less servers run at once and draw on the same budget.</remarks>
    public bool TryTake(int queries = 1)
    {
        var remaining = Volatile.Read(ref _remaining);
        while (remaining >= queries)
        {
            var seen = Interlocked.CompareExchange(ref _remaining, remaining - queries, remaining);
            if (seen == remaining)
            {
                return true;
            }

            remaining = seen;
        }

        return false;
    }

    /// <summary>The detail of a probe not sent because the budget ran out.</summary>
    public string NotAsked => $"not asked: this check's limit of {Limit} DNS queries was reached";
}
