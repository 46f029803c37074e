using IsItDownBot.Core.Health;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Telegram;

/// <summary>
/// Ready when the last getUpdates succeeded, recently, or while another instance polls and this one stands by.
/// A long poll holds the call open for up to PollTimeout, so "recently" allows one poll plus the client's own
/// margin; longer means the poller is stuck.
/// </summary>
internal sealed class TelegramReadinessCheck(TelegramPollHealth health, TelegramPollerLease lease, IOptions<TelegramOptions> options, TimeProvider time) : IReadinessCheck
{
    private static readonly TimeSpan Margin = TimeSpan.FromSeconds(30);

    public string Name => "telegram";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken)
    {
        if (lease.OtherHolder is { } poller)
        {
            return Task.FromResult(new ReadinessResult(true, $"standing by: {poller} polls for updates; this instance sends alerts and takes over if it stops"));
        }

        var result = health.LastSuccess switch
        {
            null => ReadinessResult.NotReady("no successful getUpdates yet, or the last one failed"),
            { } at when time.GetUtcNow() - at > options.Value.PollTimeout + Margin =>
                ReadinessResult.NotReady($"the last successful getUpdates was at {at:O}, longer ago than a long poll takes"),
            _ => ReadinessResult.Ready,
        };
        return Task.FromResult(result);
    }
}
