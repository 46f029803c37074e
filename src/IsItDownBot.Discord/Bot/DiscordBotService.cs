using System.Collections.Concurrent;
using System.Text.Json.Nodes;
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
    private const int MaxConcurrentDispatches = 64;

    private static readonly TimeSpan RestartPause = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _handling = new(MaxConcurrentDispatches);
    private readonly ConcurrentDictionary<Task, bool> _running = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await gateway.RunAsync(GatewayUrlAsync, (dispatch, _) => StartHandling(dispatch, stoppingToken), stoppingToken).ConfigureAwait(false);
                await Task.WhenAll(_running.Keys).ConfigureAwait(false);
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

    /// <summary>
    /// The gateway hands dispatches over one at a time, in order; a check takes seconds and Discord wants an
    /// answer within three. So each is handled on its own (a few dozen at most), and the gateway is free at once.
    /// </summary>
    private Task StartHandling(GatewayDispatch dispatch, CancellationToken stoppingToken)
    {
        // Interactions are always taken (each is answered at once, or Discord tells the person the app did not
        // respond); other events are dropped when too many are being handled.
        var limited = dispatch.EventName != "INTERACTION_CREATE";
        if (limited && !_handling.Wait(0, CancellationToken.None))
        {
            LogBusy(logger, dispatch.EventName);
            return Task.CompletedTask;
        }

        var handling = HandleAsync(dispatch, limited, stoppingToken);
        _running.TryAdd(handling, true);
        _ = handling.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    private async Task HandleAsync(GatewayDispatch dispatch, bool limited, CancellationToken stoppingToken)
    {
        try
        {
            await handler.HandleAsync(dispatch, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // One event that fails must not stop the bot answering the others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogHandlingFailed(logger, dispatch.EventName, exception.GetType().Name, exception.Message);
        }
        finally
        {
            if (limited)
            {
                _handling.Release();
            }
        }
    }

    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    private async Task<string> GatewayUrlAsync(CancellationToken cancellationToken)
    {
        JsonObject gatewayBot;
        try
        {
            gatewayBot = await rest.GetGatewayBotAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DiscordApiException exception) when (exception.StatusCode == 401)
        {
            throw new DiscordFatalCloseException(4004,
                "Discord refuses the token (401 on GET /gateway/bot): check IsItDown:Discord:BotToken, the token on the developer portal's Bot page");
        }

        return gatewayBot["url"]?.GetValue<string>() ?? throw new InvalidOperationException("GET /gateway/bot gave no url");
    }

    [LoggerMessage(EventId = 510, Level = LogLevel.Critical, Message = "Discord: the gateway closed the session for good ({CloseCode}): {Explanation}. The Discord adapter is stopped; the rest of the bot runs on")]
    private static partial void LogFatal(ILogger logger, int closeCode, string explanation);

    [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "Discord: {EventName} dropped: too many events are being handled already")]
    private static partial void LogBusy(ILogger logger, string eventName);

    [LoggerMessage(EventId = 513, Level = LogLevel.Warning, Message = "Discord: handling {EventName} failed ({Type}: {Failure})")]
    private static partial void LogHandlingFailed(ILogger logger, string eventName, string type, string failure);

    [LoggerMessage(EventId = 511, Level = LogLevel.Error, Message = "Discord: the gateway session failed ({Type}: {Failure}); connecting again in {Pause}")]
    private static partial void LogFailed(ILogger logger, string type, string failure, TimeSpan pause);
}
