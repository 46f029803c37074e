using System.Collections.Concurrent;
using IsItDownBot.Core.Alerts;

namespace IsItDownBot.Core.Tests.Alerts;

/// <summary>A platform that records what it receives, and answers what the test scripts: a fake at the sink boundary.</summary>
internal sealed class RecordingAlertSink(string platform = "telegram") : IAlertSink
{
    private readonly ConcurrentQueue<OutboxAlert> _delivered = new();

    public string Platform => platform;

    /// <summary>Decides each send's result before it is recorded; by default every send is delivered.</summary>
    public Func<OutboxAlert, int, Task<DeliveryResult>> Behaviour { get; set; } = (_, _) => Task.FromResult(DeliveryResult.Delivered);

    public int Calls => Volatile.Read(ref _calls);

    public IReadOnlyList<OutboxAlert> Delivered => [.. _delivered];

    private int _calls;

    public async Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        var result = await Behaviour(alert, call);
        if (result.Status == DeliveryStatus.Delivered)
        {
            _delivered.Enqueue(alert);
        }

        return result;
    }
}
