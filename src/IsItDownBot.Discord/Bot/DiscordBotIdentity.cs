namespace IsItDownBot.Discord.Bot;

/// <summary>Who the bot is on Discord, learnt from READY: its application (for commands) and user (for mentions).</summary>
internal sealed class DiscordBotIdentity
{
    private int _commandsRegistered;

    public string? ApplicationId { get; set; }

    public string? UserId { get; set; }

    /// <summary>True the first time only: READY comes again after every new session, the commands need one PUT.</summary>
    public bool ClaimCommandRegistration() => Interlocked.Exchange(ref _commandsRegistered, 1) == 0;

    public void CommandRegistrationFailed() => Volatile.Write(ref _commandsRegistered, 0);
}
