using IsItDownBot.Core.Hosting;
using IsItDownBot.Discord.Gateway;
using IsItDownBot.Discord.Rest;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Bot;

/// <summary>
/// Keeps the gateway session and hands each dispatch to the handler. A fatal close (a bad token, disallowed
/// intents) stops the Discord adapter with one log line naming the cause and the fix; the rest of the bot runs on.
/// </summary>
internal sealed partial class DiscordBotService(
    DiscordGatewayClient gateway,
    DiscordRestClient rest,
    DiscordInteractionHandler handler,
    TimeProvider time,
    ILogger<DiscordBotService> logger) : BackgroundService
{
    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await gateway.RunAsync(GatewayUrlAsync, (dispatch, token) => handler.HandleAsync(dispatch, token), stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (DiscordFatalCloseException exception)
            {
                LogFatal(logger, exception.CloseCode, exception.Message);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Anything else (Discord unreachable at start, say): log, pause, connect again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogFailed(logger, exception.GetType().Name, exception.Message, RestartPause);
                if (!await Pause.ForAsync(RestartPause, time, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    private async Task<string> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        var gatewayBot = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        return gatewayBot["url"]?.GetValue<string>() ?? throw new InvalidOperationException("GET /gateway/bot gave no url");
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Critical, Message = "Discord: the gateway closed the session for good ({CloseCode}): {Explanation}. The Discord adapter is stopped; the rest of the bot runs on")]
    private static partial void LogFatal(ILogger logger, int closeCode, string explanation);

    [LoggerMessage(EventId = 511, Level = LogLevel.Error, Message = "Discord: the gateway session failed ({Type}: {Failure}); connecting again in {Pause}")]
    private static partial void LogFailed(ILogger logger, string type, string failure, TimeSpan pause);
}
