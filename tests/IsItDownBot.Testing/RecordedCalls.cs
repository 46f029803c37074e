namespace IsItDownBot.Testing;

/// <summary>
/// What a fake server received, in order, and event-based waits on it: a test waits for a call that came
/// already or that comes later, never for a guessed amount of time.
/// </summary>
public sealed class RecordedCalls<T>(string what)
    where T : class
{
    /// <summary>Guards the test itself, in real time whatever clock the fake's behaviour runs on.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly List<T> _calls = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Found)> _waiters = [];

    public IReadOnlyList<T> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    public void Add(T call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                if (_waiters[i].Match(call))
                {
                    _waiters[i].Found.TrySetResult(call);
                    _waiters.RemoveAt(i);
                }
            }
        }
    }

    /// <summary>The first call, past or future, that matches; a <see cref="TimeoutException"/> listing what came otherwise.</summary>
    public async Task<T> WaitAsync(Func<T, bool> match, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(match);
        var found = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_calls.FirstOrDefault(match) is { } already)
            {
                return already;
            }

            _waiters.Add((match, found));
        }

        var limit = timeout ?? DefaultTimeout;
        try
        {
            return await found.Task.WaitAsync(limit).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            string history;
            lock (_gate)
            {
                _waiters.RemoveAll(waiter => waiter.Found == found);
                history = _calls.Count == 0 ? "  (none)" : string.Join(Environment.NewLine, _calls.Select(call => "  " + call));
            }

            throw new TimeoutException($"No matching {what} within {limit}. Seen:{Environment.NewLine}{history}");
        }
    }

    /// <summary>Ends every wait: the fake is going away.</summary>
    public void Close(string fake)
    {
        lock (_gate)
        {
            foreach (var waiter in _waiters)
            {
                waiter.Found.TrySetException(new ObjectDisposedException(fake));
            }

            _waiters.Clear();
        }
    }
}
