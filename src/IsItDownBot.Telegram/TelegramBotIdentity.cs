namespace IsItDownBot.Telegram;

/// <summary>Who the bot is on Telegram (from getMe at start): needed to tell mentions and commands meant for it.</summary>
internal sealed class TelegramBotIdentity
{
    public long Id { get; set; }

    public string Username { get; set; } = "";

    /// <summary>True for "@IsItDownBot" anywhere in the text, any case.</summary>
    public bool IsMentionedIn(string text) =>
        Username.Length > 0 && text.Contains("@" + Username, StringComparison.OrdinalIgnoreCase);

    /// <summary>"/status@OtherBot" is another bot's command; "/status" and "/status@ThisBot" are ours.</summary>
    public bool OwnsCommand(string text)
    {
        var command = text.Split(' ', '\n', '\t')[0];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return at < 0 || command[(at + 1)..].Equals(Username, StringComparison.OrdinalIgnoreCase);
    }
}
