namespace IsItDownBot.Core.Alerts;

public enum DeliveryStatus
{
    Delivered,

    /// <summary>Not delivered this time (network error, 5xx, 429): try again, after <see cref="DeliveryResult.RetryAfter"/> if given.</summary>
    RetryLater,

    /// <summary>The channel is gone or the bot may no longer post there: stop sending to it.</summary>
    ChannelGone,

    /// <summary>The platform refuses this alert for good (it is malformed for it); the channel is fine.</summary>
    Rejected,
}

/// <summary>What a sink reports for one send: a failure is data, not an exception.</summary>
public sealed record DeliveryResult(DeliveryStatus Status, TimeSpan? RetryAfter = null, string? Detail = null)
{
    public static readonly DeliveryResult Delivered = new(DeliveryStatus.Delivered);

    public static DeliveryResult Retry(string detail, TimeSpan? after = null) => new(DeliveryStatus.RetryLater, after, detail);

    public static DeliveryResult Gone(string reason) => new(DeliveryStatus.ChannelGone, null, reason);

    public static DeliveryResult Reject(string reason) => new(DeliveryStatus.Rejected, null, reason);
}
