using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Rest;

// Routes are logged as templates (DiscordRoute.Key): real paths can hold interaction tokens.
internal static partial class DiscordRestLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Warning,
        Message = "Discord rate limited {Route} (global: {Global}); retrying after {RetryAfterMs} ms, attempt {Attempt}")]
    public static partial void RateLimited(ILogger logger, string route, bool global, double retryAfterMs, int attempt);

    [LoggerMessage(EventId = 501, Level = LogLevel.Warning,
        Message = "Discord request {Route} failed with status {Status}; retrying after {DelayMs} ms, attempt {Attempt}")]
    public static partial void RetryingTransient(ILogger logger, Exception? exception, string route, int status, double delayMs, int attempt);

    [LoggerMessage(EventId = 502, Level = LogLevel.Debug, Message = "Discord request {Route} answered {Status}")]
    public static partial void Answered(ILogger logger, string route, int status);
}
