using IsItDownBot.Core.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IsItDownBot.Telegram;

/// <summary>
/// Long polling: asks getUpdates for news, answers each update on its own, and backs off while the Bot API
/// fails, so a broken API never makes a hot loop and a broken update never stops the poller.
/// </summary>
internal sealed partial class TelegramPollingService(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramUpdateHandler handler,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    // Answers run concurrently (a check takes seconds); this many at most.
    private const int MaxConcurrentUpdates = 32;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(2);

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    private readonly SemaphoreSlim _answering = new(MaxConcurrentUpdates);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await IntroduceAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        var backoff = FirstBackoff;
        var offset = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await client.GetUpdates(offset, 100, (int)options.Value.PollTimeout.TotalSeconds, Wanted, stoppingToken).ConfigureAwait(false);
                backoff = FirstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (TelegramErrors.IsExpected(exception))
            {
                LogPollFailed(logger, TelegramErrors.Describe(exception, options.Value.BotToken), backoff);
                if (!await Pause.ForAsync(backoff, time, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
                continue;
            }

            foreach (var update in updates)
            {
                offset = Math.Max(offset, update.Id + 1);
                await _answering.WaitAsync(stoppingToken).ConfigureAwait(false);
                _ = AnswerAsync(update, stoppingToken);
            }
        }
    }

    /// <summary>Learns the bot's username and registers its commands; retries until the API answers.</summary>
    private async Task<bool> IntroduceAsync(CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var me = await client.GetMe(stoppingToken).ConfigureAwait(false);
                identity.Id = me.Id;
                identity.Username = me.Username ?? "";
                await client.SetMyCommands(TelegramCommands.English, cancellationToken: stoppingToken).ConfigureAwait(false);
                await client.SetMyCommands(TelegramCommands.French, languageCode: "fr", cancellationToken: stoppingToken).ConfigureAwait(false);
                LogConnected(logger, identity.Username);
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception exception) when (TelegramErrors.IsExpected(exception))
            {
                if (exception is ApiRequestException { ErrorCode: 401 or 404 })
                {
                    LogTokenRefused(logger);
                }
                else
                {
                    LogPollFailed(logger, TelegramErrors.Describe(exception, options.Value.BotToken), backoff);
                }

                if (!await Pause.ForAsync(backoff, time, stoppingToken).ConfigureAwait(false))
                {
                    return false;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
            }
        }

        return false;
    }

    private async Task AnswerAsync(Update update, CancellationToken stoppingToken)
    {
        try
        {
            await handler.HandleAsync(update, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the answer is abandoned with the process.
        }
#pragma warning disable CA1031 // One update that fails (a chat that vanished, a bug) must never stop the bot answering others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogAnswerFailed(logger, update.Id, update.Type, TelegramErrors.Describe(exception, options.Value.BotToken));
        }
        finally
        {
            _answering.Release();
        }
    }

    public override void Dispose()
    {
        _answering.Dispose();
        base.Dispose();
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Telegram: connected as @{Username}, polling for messages")]
    private static partial void LogConnected(ILogger logger, string username);

    [LoggerMessage(EventId = 401, Level = LogLevel.Warning, Message = "Telegram: the Bot API failed ({Failure}); trying again in {Backoff}")]
    private static partial void LogPollFailed(ILogger logger, string failure, TimeSpan backoff);

    [LoggerMessage(EventId = 402, Level = LogLevel.Error,
        Message = "Telegram: the Bot API refuses the token (401/404). Check IsItDown:Telegram:BotToken (the token BotFather gave, digits:letters) and IsItDown:Telegram:ApiBaseUrl")]
    private static partial void LogTokenRefused(ILogger logger);

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Telegram: answering update {UpdateId} ({UpdateType}) failed: {Failure}")]
    private static partial void LogAnswerFailed(ILogger logger, int updateId, UpdateType updateType, string failure);
}
