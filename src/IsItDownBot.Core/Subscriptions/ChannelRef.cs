namespace IsItDownBot.Core.Subscriptions;

/// <summary>A place alerts go: a Telegram chat, a Discord channel, the log. Ids are the platform's own, as text.</summary>
public sealed record ChannelRef(string Platform, string ChannelId)
{
    public override string ToString() => $"{Platform}:{ChannelId}";
}
