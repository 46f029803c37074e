namespace IsItDownBot.Discord.Bot;

/// <summary>The last few thousand ids seen, to handle each event once when the gateway replays some after a resume.</summary>
internal sealed class RecentIds(int capacity)
{
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private readonly Lock _lock = new();

    /// <summary>True the first time an id is seen; false for a repeat.</summary>
    public bool FirstTime(string id)
    {
        lock (_lock)
        {
            if (!_ids.Add(id))
            {
                return false;
            }

            _order.Enqueue(id);
            if (_order.Count > capacity)
            {
                _ids.Remove(_order.Dequeue());
            }

            return true;
        }
    }
}
