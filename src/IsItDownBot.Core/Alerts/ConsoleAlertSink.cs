using IsItDownBot.Core.Rendering;
using IsItDownBot.Core.Subscriptions;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Core.Alerts;

/// <summary>Alerts in the log, for running with no chat platform at all: every transition shows there.</summary>
public sealed partial class ConsoleAlertSink(ILogger<ConsoleAlertSink> logger) : IAlertSink
{
    public const string PlatformName = "console";

    /// <summary>The one channel of this platform: it receives every transition.</summary>
    public static readonly ChannelRef Channel = new(PlatformName, "log");

    public string Platform => PlatformName;

    public Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        LogAlert(logger, alert.Message.Kind.ToString(), string.Join(",", alert.Message.Items.Select(item => item.ServiceId)), AlertText.Render(alert.Message));
        return Task.FromResult(DeliveryResult.Delivered);
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Alert {Transition} for {Services}: {Text}")]
    private static partial void LogAlert(ILogger logger, string transition, string services, string text);
}
