using System.Security.Cryptography;
using System.Text;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Discord.Rest;

namespace IsItDownBot.Discord.Bot;

/// <summary>
/// Posts outbox alerts as embeds to subscribed channels. The idempotency key becomes the message nonce with
/// enforce_nonce, so Discord itself drops a repeat of an alert the bot sent but could not mark before a crash.
/// </summary>
internal sealed class DiscordAlertSink(DiscordRestClient rest) : IAlertSink
{
    public const string PlatformName = "discord";

    // Discord: unknown channel, missing access, missing permissions: the bot can no longer post there.
    private static readonly int[] ChannelGoneCodes = [10003, 50001, 50013];

    private static readonly TimeSpan TokenRefusedPause = TimeSpan.FromMinutes(30);

    public string Platform => PlatformName;

    public async Task<DeliveryResult> SendAsync(OutboxAlert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var message = DiscordEmbeds.Message(null, DiscordEmbeds.Alert(alert.Message));
        message["nonce"] = Nonce(alert.IdempotencyKey);
        message["enforce_nonce"] = true;
        try
        {
            await rest.CreateMessageAsync(alert.Channel.ChannelId, message, cancellationToken).ConfigureAwait(false);
            return DeliveryResult.Delivered;
        }
        catch (DiscordApiException exception)
        {
            return exception switch
            {
                { Code: int code } when ChannelGoneCodes.Contains(code) => DeliveryResult.Gone(exception.Message),
                { StatusCode: 429 } => DeliveryResult.Retry(exception.Message, exception.RetryAfter),

                // A refused token refuses every alert: hold them for a long while rather than collect 401s, which
                // Discord counts towards banning the bot's address.
                { StatusCode: 401 } => DeliveryResult.Retry(exception.Message, TokenRefusedPause),
                { StatusCode: 400 } => DeliveryResult.Reject(exception.Message),
                _ => DeliveryResult.Retry(exception.Message),
            };
        }
    }

    /// <summary>Discord nonces are at most 25 characters: a digest of the key, stable across retries.</summary>
    internal static string Nonce(string idempotencyKey) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..25].ToLowerInvariant();
}
