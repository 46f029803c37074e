namespace IsItDownBot.Telegram;

/// <summary>The <c>IsItDown:Telegram</c> section.</summary>
public sealed class TelegramOptions
{
    public const string SectionName = "IsItDown:Telegram";
    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The token from BotFather ("123456:ABC..."). Keep it out of files: an environment variable or user secrets.</summary>
    public string? BotToken { get; set; }

    public static readonly TimeSpan DefaultPollTimeout = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan DefaultPollerLease = TimeSpan.FromSeconds(30);

    /// <summary>Telegram's Bot API, or a self-hosted Bot API server.</summary>
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>How long one getUpdates call waits for news (long polling): 1 to 100 seconds.</summary>
    public TimeSpan PollTimeout { get; set; } = DefaultPollTimeout;

    /// <summary>
    /// Instances that share a database and a token take turns at polling under this lease: the poller renews it
    /// every third of it, and a standby takes over within about this long after the poller dies.
    /// </summary>
    public TimeSpan PollerLease { get; set; } = DefaultPollerLease;
}
