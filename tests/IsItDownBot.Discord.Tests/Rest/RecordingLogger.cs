using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Tests.Rest;

/// <summary>Keeps every log line, so a test can wait for one (the client's own signal that it is about to
/// wait) and check that no line holds a secret.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly Lock _gate = new();
    private readonly List<(EventId Id, string Text)> _lines = [];
    private readonly List<(int EventId, TaskCompletionSource Seen)> _waiters = [];

    public IReadOnlyList<string> Lines
    {
        get { lock (_gate) return [.. _lines.Select(line => line.Text)]; }
    }

    public Task WaitForAsync(int eventId)
    {
        lock (_gate)
        {
            if (_lines.Any(line => line.Id.Id == eventId))
                return Task.CompletedTask;
            var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((eventId, seen));
            return seen.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var text = formatter(state, exception) + (exception is null ? "" : " " + exception);
        lock (_gate)
        {
            _lines.Add((eventId, text));
            foreach (var waiter in _waiters.Where(w => w.EventId == eventId.Id).ToList())
            {
                waiter.Seen.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
