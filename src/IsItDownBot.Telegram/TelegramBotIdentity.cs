using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace IsItDownBot.Telegram;

/// <summary>Who the bot is on Telegram (from getMe at start): needed to tell mentions and commands meant for it.</summary>
internal sealed class TelegramBotIdentity
{
    public long Id { get; set; }

    public string Username { get; set; } = "";

    /// <summary>
    /// True when a group message is meant for the bot: it mentions "@ThisBot" (as a mention, not inside
    /// "@ThisBotFan"), or it answers one of the bot's own messages.
    /// </summary>
    public bool IsAddressedIn(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.ReplyToMessage?.From?.Id is long author && author == Id)
        {
            return true;
        }

        var text = message.Text ?? "";
        return (message.Entities ?? [])
            .Where(entity => entity.Type == MessageEntityType.Mention && entity.Offset + entity.Length <= text.Length)
            .Any(entity => text.Substring(entity.Offset, entity.Length).Equals("@" + Username, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"/status@OtherBot" is another bot's command; "/status" and "/status@ThisBot" may be ours.</summary>
    public bool OwnsCommand(string text) => CommandSuffix(text) is not { } suffix || suffix.Equals(Username, StringComparison.OrdinalIgnoreCase);

    /// <summary>True for "/status@ThisBot": a command addressed to this bot by name.</summary>
    public bool IsNamedIn(string text) => CommandSuffix(text) is { } suffix && suffix.Equals(Username, StringComparison.OrdinalIgnoreCase);

    private static string? CommandSuffix(string text)
    {
        var command = text.Split(' ', '\n', '\t')[0];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? null : command[(at + 1)..];
    }
}
