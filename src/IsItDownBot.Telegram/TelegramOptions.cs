using System.ComponentModel.DataAnnotations;

namespace IsItDownBot.Telegram;

/// <summary>The <c>IsItDown:Telegram</c> section.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "IsItDown:Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The token from BotFather ("123456:ABC..."). Keep it out of files: an environment variable or user secrets.</summary>
    public string? BotToken { get; set; }

    /// <summary>Telegram's Bot API, or a self-hosted Bot API server.</summary>
    [Required]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one getUpdates call waits for news (long polling).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:40")]
    public TimeSpan PollTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
