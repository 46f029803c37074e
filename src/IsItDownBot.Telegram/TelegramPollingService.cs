using System.Collections.Concurrent;
using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Telemetry;
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
/// fails, so a broken API never makes a hot loop and a broken update never stops the poller. On stop it lets
/// the answers under way finish, then confirms what it read, so nothing is answered twice after a restart.
/// Instances sharing a database poll one at a time (<see cref="TelegramPollerLease"/>); the others stand by.
/// </summary>
internal sealed partial class TelegramPollingService(
    ITelegramBotClient client,
    TelegramBotIdentity identity,
    TelegramUpdateHandler handler,
    TelegramPollHealth health,
    TelegramPollerLease lease,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    // Answers run concurrently (a check takes seconds): this many at most, and a part of them per chat, so one chat
    // repeating /status cannot take every slot. A part, not two: in an outage a whole group asks within seconds,
    // and answers about one service share one probe round, so a group's rush costs little and each asker is owed
    // an answer (the question limiter already bounds what one chat may ask per minute).
    private const int MaxConcurrentUpdates = 32;
    private const int MaxConcurrentPerChat = MaxConcurrentUpdates / 4;

    private static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan LongestBackoff = TimeSpan.FromMinutes(2);
    private static readonly TimeSpan AnswerGrace = TimeSpan.FromSeconds(10);

    private static readonly UpdateType[] Wanted = [UpdateType.Message, UpdateType.CallbackQuery];

    private readonly SemaphoreSlim _answering = new(MaxConcurrentUpdates);
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly ConcurrentDictionary<long, int> _perChat = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await IntroduceAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }

        // Who polls is settled before the first getUpdates: a standby that polled first would cut the poller off.
        try
        {
            await lease.RefreshAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        // The lease is kept until the very end of a stop: were it to lapse while answers finish, a standby would
        // take over and read the unconfirmed batch again, and the confirmation below would cut its poll off.
        using var keeper = new CancellationTokenSource();
        var keeping = lease.KeepAsync(keeper.Token);

        // Answers get their own token: a stop gives them a grace period instead of cutting them off mid-reply.
        using var answers = new CancellationTokenSource();
        var offset = await PollAsync(answers.Token, stoppingToken).ConfigureAwait(false);

        answers.CancelAfter(AnswerGrace);
        await Task.WhenAll(_running.Keys).ConfigureAwait(false);

        // A standby confirms nothing: its getUpdates would cut off the poller's.
        if (lease.Holds)
        {
            await ConfirmAsync(offset).ConfigureAwait(false);
        }

        await keeper.CancelAsync().ConfigureAwait(false);
        await keeping.ConfigureAwait(false);
        await lease.ReleaseAsync().ConfigureAwait(false);
    }

    private async Task<int> PollAsync(CancellationToken answers, CancellationToken stoppingToken)
    {
        var backoff = FirstBackoff;
        var offset = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!lease.Holds)
            {
                if (!await lease.WaitUntilHeldAsync(stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                backoff = FirstBackoff;
                continue;
            }

            Update[] updates;
            try
            {
                updates = await client.GetUpdates(offset, 100, (int)options.Value.PollTimeout.TotalSeconds, Wanted, stoppingToken).ConfigureAwait(false);
                health.Succeeded(time.GetUtcNow());
                backoff = FirstBackoff;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
#pragma warning disable CA1031 // Whatever the Bot API or the network does, polling goes on after a pause.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                // 409: another getUpdates cut this one off. When the lease has passed to another instance (this one's
                // lapsed while the database was slow), that is the hand-over, not a fault.
                // The lease logs the hand-over.
                if (exception is ApiRequestException { ErrorCode: 409 } && !await StillPollsAsync(stoppingToken).ConfigureAwait(false))
                {
                    continue;
                }

                health.Failed();
                if (exception is ApiRequestException { ErrorCode: 429 })
                {
                    BotMetrics.RateLimited.Add(1, BotMetrics.Platform(TelegramAlertSink.PlatformName));
                }

                if (exception is ApiRequestException { ErrorCode: 409 })
                {
                    LogConflict(logger);
                }
                else
                {
                    LogPollFailed(logger, TelegramErrors.Describe(exception, options.Value.BotToken), backoff);
                }

                // A 429 says how long to wait; otherwise double the pause, up to a ceiling.
                var wait = exception is ApiRequestException { Parameters.RetryAfter: int retryAfter } && TimeSpan.FromSeconds(retryAfter) > backoff
                    ? TimeSpan.FromSeconds(retryAfter)
                    : backoff;
                if (!await Pause.ForAsync(wait, time, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, LongestBackoff.Ticks));
                continue;
            }

            foreach (var update in updates)
            {
                offset = Math.Max(offset, update.Id + 1);
                await StartAnswerAsync(update, answers, stoppingToken).ConfigureAwait(false);
            }
        }

        return offset;
    }

    private async Task<bool> StillPollsAsync(CancellationToken stoppingToken)
    {
        try
        {
            return await lease.StillPollsAfterConflictAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return true;
        }
    }

    private async Task StartAnswerAsync(Update update, CancellationToken answers, CancellationToken stoppingToken)
    {
        var chat = ChatOf(update);
        if (chat is long id && _perChat.AddOrUpdate(id, 1, (_, count) => count + 1) > MaxConcurrentPerChat)
        {
            Release(id);
            LogChatBusy(logger, update.Id, TelegramAlertSink.PlatformName, id, MaxConcurrentPerChat);
            return;
        }

        try
        {
            await _answering.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Release(chat);
            return;
        }

        var answer = AnswerAsync(update, chat, answers);
        _running.TryAdd(answer, true);
        _ = answer.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Learns the bot's username, stops any webhook (which would block getUpdates), registers the commands.</summary>
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
                break;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // Until the Bot API answers getMe, keep asking, slower and slower.
            catch (Exception exception)
#pragma warning restore CA1031
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

        // Best effort: the bot answers without a webhook removed or a command menu, just less conveniently.
        await BestEffortAsync("deleteWebhook", () => client.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken)).ConfigureAwait(false);
        await BestEffortAsync("setMyCommands", () => client.SetMyCommands(TelegramCommands.English, cancellationToken: stoppingToken)).ConfigureAwait(false);
        await BestEffortAsync("setMyCommands fr", () => client.SetMyCommands(TelegramCommands.French, languageCode: "fr", cancellationToken: stoppingToken)).ConfigureAwait(false);
        LogConnected(logger, identity.Username);
        return !stoppingToken.IsCancellationRequested;
    }

    private async Task BestEffortAsync(string what, Func<Task> call)
    {
        try
        {
            await call().ConfigureAwait(false);
        }
        catch (Exception exception) when (TelegramErrors.IsExpected(exception))
        {
            LogSetupFailed(logger, what, TelegramErrors.Describe(exception, options.Value.BotToken));
        }
    }

    /// <summary>Tells Telegram what was read, so the next start does not get the last batch again.</summary>
    private async Task ConfirmAsync(int offset)
    {
        if (offset == 0)
        {
            return;
        }

        using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await BestEffortAsync("confirming the last updates", () => client.GetUpdates(offset, 1, 0, Wanted, quick.Token)).ConfigureAwait(false);
    }

    private async Task AnswerAsync(Update update, long? chat, CancellationToken answers)
    {
        try
        {
            await handler.HandleAsync(update, answers).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (answers.IsCancellationRequested)
        {
            // Stopping, and the grace period is over.
        }
#pragma warning disable CA1031 // One update that fails (a chat that vanished, a bug) must never stop the bot answering others.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogAnswerFailed(logger, update.Id, update.Type, TelegramAlertSink.PlatformName, chat, TelegramErrors.Describe(exception, options.Value.BotToken));
        }
        finally
        {
            _answering.Release();
            Release(chat);
        }
    }

    private void Release(long? chat)
    {
        if (chat is long id && _perChat.AddOrUpdate(id, 0, (_, count) => count - 1) <= 0)
        {
            _perChat.TryRemove(new KeyValuePair<long, int>(id, 0));
        }
    }

    private static long? ChatOf(Update update) => update.Message?.Chat.Id ?? update.CallbackQuery?.Message?.Chat.Id;

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

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Telegram: answering update {UpdateId} ({UpdateType}) in {Platform}:{Channel} failed: {Failure}")]
    private static partial void LogAnswerFailed(ILogger logger, int updateId, UpdateType updateType, string platform, long? channel, string failure);

    [LoggerMessage(EventId = 404, Level = LogLevel.Error,
        Message = "Telegram: another process is polling with this token, or a webhook is set (409 Conflict). Instances that share a token must share the database (they then take turns), or run one bot per token")]
    private static partial void LogConflict(ILogger logger);

    [LoggerMessage(EventId = 405, Level = LogLevel.Warning, Message = "Telegram: {What} failed ({Failure}); the bot runs on without it")]
    private static partial void LogSetupFailed(ILogger logger, string what, string failure);

    [LoggerMessage(EventId = 406, Level = LogLevel.Information, Message = "Telegram: update {UpdateId} from {Platform}:{Channel} dropped: that chat already has {Limit} answers under way")]
    private static partial void LogChatBusy(ILogger logger, int updateId, string platform, long channel, int limit);
}
