namespace IsItDownBot.Core.Alerts;

/// <summary>
/// Sends alerts to one platform. An adapter adds one by registering it; the dispatcher finds every sink and
/// drains the outbox rows of its <see cref="Platform"/>.
/// </summary>
public interface IAlertSink
{
    /// <summary>The platform name stored with subscriptions: "telegram", "discord", "console".</summary>
    string Platform { get; }

    /// <summary>Sends one alert. Expected failures come back as a <see cref="DeliveryResult"/>, not as exceptions.</summary>
    Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken);
}
