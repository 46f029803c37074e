namespace IsItDownBot.Discord.Gateway;

internal enum GatewayEndReason
{
    /// <summary>The host is stopping.</summary>
    Stopped,

    /// <summary>Connecting failed, or the connection died without a close frame.</summary>
    Dropped,

    /// <summary>Discord sent a close frame; see the code.</summary>
    ServerClosed,

    /// <summary>op 7.</summary>
    ReconnectRequested,

    /// <summary>op 9; see Resumable.</summary>
    InvalidSession,

    /// <summary>No HEARTBEAT_ACK between two of our heartbeats.</summary>
    Zombie,
}

/// <summary>How one connection ended, and whether it got as far as READY or RESUMED (which resets the backoff).</summary>
internal sealed record GatewayConnectionEnd(GatewayEndReason Reason, int? CloseCode = null, bool Resumable = true)
{
    public bool Healthy { get; init; }
}
