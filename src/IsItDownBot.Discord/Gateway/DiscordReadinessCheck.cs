using IsItDownBot.Core.Health;

namespace IsItDownBot.Discord.Gateway;

/// <summary>Ready while the gateway holds a live session (after READY or RESUMED), not while it reconnects.</summary>
internal sealed class DiscordReadinessCheck(DiscordGatewayClient gateway) : IReadinessCheck
{
    public string Name => "discord";

    public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => Task.FromResult(
        gateway.Connected
            ? ReadinessResult.Ready
            : ReadinessResult.NotReady("the Discord gateway has no live session (connecting, reconnecting or stopped)"));
}
