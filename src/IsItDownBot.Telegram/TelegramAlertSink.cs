using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IsItDownBot.Telegram;

/// <summary>
/// Sends outbox alerts to Telegram chats. Pacing and retries are the dispatcher's (the client's own 429 retry is
/// off); this turns each Bot API answer into what the outbox must do: done, later, never again for this chat.
/// </summary>
internal sealed class TelegramAlertSink(
    [FromKeyedServices(TelegramAlertSink.ClientKey)] ITelegramBotClient client,
    IBotStore store,
    IOptions<TelegramOptions> options) : IAlertSink
{
    public const string PlatformName = "telegram";

    /// <summary>The key of the client without its own 429 retry, for alerts.</summary>
    public const string ClientKey = "telegram-alerts";

    public string Platform => PlatformName;

    public Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken) =>
        SendAsync(alert, followMigration: true, cancellationToken);

    private async Task<DeliveryResult> SendAsync(OutboxAlert alert, bool followMigration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!long.TryParse(alert.Channel.ChannelId, out var chatId))
        {
            return DeliveryResult.Gone($"'{alert.Channel.ChannelId}' is not a Telegram chat id");
        }

        try
        {
            await SendToAsync(chatId, alert, cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (ApiRequestException exception) when (followMigration && exception.Parameters?.MigrateToChatId is long newId)
        {
            // The group became a supergroup: its subscriptions and queued alerts move to the new id, and this
            // alert goes there now rather than after a retry.
            var moved = alert.Channel with { ChannelId = newId.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            await store.MoveChannelAsync(alert.Channel, moved, cancellationToken).ConfigureAwait(false);
            return await SendAsync(alert with { Channel = moved }, followMigration: false, cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException exception)
        {
            return Outcome(exception);
        }
#pragma warning disable CA1031 // Anything else is a temporary failure for the outbox, described without the token.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return DeliveryResult.Retry(TelegramErrors.Describe(exception, options.Value.BotToken));
        }
    }

    private Task SendToAsync(long chatId, OutboxAlert alert, CancellationToken cancellationToken) =>
        client.SendMessage(
            chatId,
            TelegramFormatter.Alert(alert.Message),
            ParseMode.Html,
            linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
            cancellationToken: cancellationToken);

    private DeliveryResult Outcome(ApiRequestException exception)
    {
        var detail = TelegramErrors.Describe(exception, options.Value.BotToken);
        if (exception.ErrorCode == 429)
        {
            BotMetrics.RateLimited.Add(1, BotMetrics.Platform(PlatformName));
        }

        return exception.ErrorCode switch
        {
            429 => DeliveryResult.Retry(detail, TimeSpan.FromSeconds(Math.Max(1, exception.Parameters?.RetryAfter ?? 1))),

            // Blocked by the user, kicked from the group, user deactivated: the chat is gone for the bot.
            403 => DeliveryResult.Gone(detail),
            400 when IsGoneChat(exception.Message) => DeliveryResult.Gone(detail),

            // Any other 400 is about this message, not the chat: retrying would fail the same way.
            400 => DeliveryResult.Reject(detail),
            _ => DeliveryResult.Retry(detail),
        };
    }

    private static bool IsGoneChat(string message) =>
        message.Contains("chat not found", StringComparison.OrdinalIgnoreCase)
        || message.Contains("group chat was deleted", StringComparison.OrdinalIgnoreCase)
        || message.Contains("channel private", StringComparison.OrdinalIgnoreCase);
}
