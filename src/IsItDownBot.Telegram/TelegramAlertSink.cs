using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
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
internal sealed class TelegramAlertSink(ITelegramBotClient client, IBotStore store, IOptions<TelegramOptions> options) : IAlertSink
{
    public const string PlatformName = "telegram";

    public string Platform => PlatformName;

    public async Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!long.TryParse(alert.Channel.ChannelId, out var chatId))
        {
            return DeliveryResult.Gone($"'{alert.Channel.ChannelId}' is not a Telegram chat id");
        }

        try
        {
            await client.SendMessage(
                chatId,
                TelegramFormatter.Alert(alert.Message),
                ParseMode.Html,
                linkPreviewOptions: new LinkPreviewOptions { IsDisabled = true },
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (ApiRequestException exception)
        {
            return await OutcomeAsync(alert.Channel, exception, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (TelegramErrors.IsExpected(exception) && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryResult.Retry(TelegramErrors.Describe(exception, options.Value.BotToken));
        }
    }

    private async Task<DeliveryResult> OutcomeAsync(ChannelRef channel, ApiRequestException exception, CancellationToken cancellationToken)
    {
        var detail = TelegramErrors.Describe(exception, options.Value.BotToken);

        // The group became a supergroup: its subscriptions (and this alert) move to the new id, then it is retried.
        if (exception.Parameters?.MigrateToChatId is long newId)
        {
            await store.MoveChannelAsync(channel, channel with { ChannelId = newId.ToString(System.Globalization.CultureInfo.InvariantCulture) }, cancellationToken)
                .ConfigureAwait(false);
            return DeliveryResult.Retry(detail, TimeSpan.Zero);
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
        || message.Contains("channel private", StringComparison.OrdinalIgnoreCase)
        || message.Contains("not enough rights", StringComparison.OrdinalIgnoreCase);
}
