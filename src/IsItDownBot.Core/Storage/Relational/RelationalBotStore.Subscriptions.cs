using IsItDownBot.Core.Explaining;
using System.Globalization;
using IsItDownBot.Core.Subscriptions;
using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>Who wants alerts about what, and what happens when a channel goes away or changes id.</summary>
public abstract partial class RelationalBotStore
{
    private const string SubscriptionColumns = "platform, channel_id, service_id, subscribed_by, subscribed_at, language";

    public async Task<bool> AddSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var insert = connection.Command($"""
            INSERT INTO subscriptions ({SubscriptionColumns})
            VALUES (@platform, @channelId, @serviceId, @subscribedBy, @subscribedAt, @language)
            ON CONFLICT (platform, channel_id, service_id) DO NOTHING;
            """)
            .With("@platform", subscription.Channel.Platform)
            .With("@channelId", subscription.Channel.ChannelId)
            .With("@serviceId", subscription.ServiceId)
            .With("@subscribedBy", subscription.SubscribedBy)
            .With("@subscribedAt", StoredValues.ToUnixMilliseconds(subscription.SubscribedAt))
            .With("@language", subscription.Language.Code());
        return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<bool> RemoveSubscriptionAsync(ChannelRef channel, string serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(serviceId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var delete = connection.Command(
            "DELETE FROM subscriptions WHERE platform = @platform AND channel_id = @channelId AND service_id = @serviceId;")
            .With("@platform", channel.Platform)
            .With("@channelId", channel.ChannelId)
            .With("@serviceId", serviceId);
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public async Task<int> RemoveChannelAsync(ChannelRef channel, string reason, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(reason);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        var removed = await DeleteSubscriptionsAsync(connection, transaction, channel, cancellationToken).ConfigureAwait(false);

        // Its queued alerts would only fail the same way, and each failure counts against the bot on some
        // platforms (Discord bans an IP after too many 403s): give them up now.
        await using (var abandon = connection.Command("""
            UPDATE outbox SET abandoned_at = @removedAt, last_error = @reason
            WHERE platform = @platform AND channel_id = @channelId AND delivered_at IS NULL AND abandoned_at IS NULL;
            """, transaction)
            .With("@platform", channel.Platform)
            .With("@channelId", channel.ChannelId)
            .With("@reason", "channel removed: " + reason)
            .With("@removedAt", StoredValues.ToUnixMilliseconds(at)))
        {
            await abandon.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var record = connection.Command("""
            INSERT INTO removed_channels (platform, channel_id, reason, removed_at, subscriptions_removed)
            VALUES (@platform, @channelId, @reason, @removedAt, @removed);
            """, transaction)
            .With("@platform", channel.Platform)
            .With("@channelId", channel.ChannelId)
            .With("@reason", reason)
            .With("@removedAt", StoredValues.ToUnixMilliseconds(at))
            .With("@removed", removed))
        {
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <returns>How many subscriptions the old id had; those the new id already had are merged, not doubled.</returns>
    public async Task<int> MoveChannelAsync(ChannelRef oldChannel, ChannelRef newChannel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(oldChannel);
        ArgumentNullException.ThrowIfNull(newChannel);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);

        await using (var copy = connection.Command($"""
            INSERT INTO subscriptions ({SubscriptionColumns})
            SELECT @newPlatform, @newChannelId, service_id, subscribed_by, subscribed_at, language
            FROM subscriptions WHERE platform = @oldPlatform AND channel_id = @oldChannelId
            ON CONFLICT (platform, channel_id, service_id) DO NOTHING;
            """, transaction)
            .With("@newPlatform", newChannel.Platform)
            .With("@newChannelId", newChannel.ChannelId)
            .With("@oldPlatform", oldChannel.Platform)
            .With("@oldChannelId", oldChannel.ChannelId))
        {
            await copy.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var moved = await DeleteSubscriptionsAsync(connection, transaction, oldChannel, cancellationToken).ConfigureAwait(false);

        // Alerts queued for the old id would fail there (the old chat no longer exists); they go to the new one.
        // Their idempotency keys keep the old id: they are only names, and rewriting them could collide.
        await using (var redirect = connection.Command("""
            UPDATE outbox SET platform = @newPlatform, channel_id = @newChannelId
            WHERE platform = @oldPlatform AND channel_id = @oldChannelId AND delivered_at IS NULL AND abandoned_at IS NULL;
            """, transaction)
            .With("@newPlatform", newChannel.Platform)
            .With("@newChannelId", newChannel.ChannelId)
            .With("@oldPlatform", oldChannel.Platform)
            .With("@oldChannelId", oldChannel.ChannelId))
        {
            await redirect.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return moved;
    }

    public async Task<IReadOnlyList<Subscription>> ListSubscriptionsAsync(ChannelRef channel, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(channel);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT {SubscriptionColumns} FROM subscriptions
            WHERE platform = @platform AND channel_id = @channelId
            ORDER BY service_id;
            """)
            .With("@platform", channel.Platform)
            .With("@channelId", channel.ChannelId);
        return await ReadSubscriptionsAsync(select, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Subscription>> SubscribersAsync(IReadOnlyCollection<string> serviceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceIds);
        if (serviceIds.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        await using var select = SelectSubscribers(connection, SubscriptionColumns, serviceIds);
        return await ReadSubscriptionsAsync(select, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> SubscribedServicesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("SELECT DISTINCT service_id FROM subscriptions ORDER BY service_id;");
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var services = new List<string>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            services.Add(reader.GetString(0));
        }

        return services;
    }

    /// <summary>Deletes every subscription of <paramref name="channel"/>; returns how many there were.</summary>
    private static async Task<int> DeleteSubscriptionsAsync(DbConnection connection, DbTransaction transaction, ChannelRef channel, CancellationToken cancellationToken)
    {
        await using var delete = connection.Command("DELETE FROM subscriptions WHERE platform = @platform AND channel_id = @channelId;", transaction)
            .With("@platform", channel.Platform)
            .With("@channelId", channel.ChannelId);
        return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Subscription>> ReadSubscriptionsAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var subscriptions = new List<Subscription>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            subscriptions.Add(new Subscription(
                new ChannelRef(reader.GetString(0), reader.GetString(1)),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetTime(4))
            {
                Language = Languages.FromCode(reader.GetString(5)),
            });
        }

        return subscriptions;
    }
}
