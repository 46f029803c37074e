namespace IsItDownBot.Discord;

/// <summary>The <c>IsItDown:Discord</c> section.</summary>
public sealed class DiscordOptions
{
    public const string SectionName = "IsItDown:Discord";
    public const string DefaultApiBaseUrl = "https://discord.com/api/v10";

    /// <summary>The bot token from the developer portal. Keep it out of files: an environment variable or user secrets.</summary>
    public string? BotToken { get; set; }

    /// <summary>Discord's REST API (v10), or a test double.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Register the commands in this guild only (they appear at once); otherwise globally.</summary>
    public string? GuildId { get; set; }

    /// <summary>
    /// Read the text of messages in servers (the privileged MESSAGE_CONTENT intent, to be switched on in the
    /// developer portal). Without it the bot still reads DMs and messages that mention it.
    /// </summary>
    public bool MessageContent { get; set; }

    /// <summary>This process's shard, for a bot split across processes; with ShardCount.</summary>
    public int ShardId { get; set; }

    public int ShardCount { get; set; } = 1;
}
