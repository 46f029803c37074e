namespace IsItDownBot.Discord.Gateway;

/// <summary>What each gateway close code asks of the client.</summary>
internal static class GatewayCloseCodes
{
    /// <summary>Sent by us to drop a connection while keeping the session resumable (1000 and 1001 would end it).</summary>
    public const int ReconnectKeepingSession = 4900;

    public const int InvalidSequence = 4007;
    public const int SessionTimedOut = 4009;

    /// <summary>The cause and the fix for codes after which reconnecting is pointless; null for the others.</summary>
    public static string? FatalExplanation(int closeCode) => closeCode switch
    {
        4004 => "authentication failed: check IsItDown:Discord:BotToken (the bot token from the developer portal's Bot page)",
        4010 => "invalid shard: IsItDown:Discord:ShardId must be at least 0 and less than IsItDown:Discord:ShardCount",
        4011 => "sharding required: the bot is in too many servers for one connection; set IsItDown:Discord:ShardCount and run one process per shard",
        4012 => "invalid API version: this client speaks gateway v10; check the gateway URL",
        4013 => "invalid intents: the intents sent are not valid; this is a bug in the bot, please report it",
        4014 => "disallowed intents: switch on MESSAGE_CONTENT (Privileged Gateway Intents) in the developer portal, or set IsItDown:Discord:MessageContent to false",
        _ => null,
    };

    /// <summary>Codes after which the session cannot be resumed and a new IDENTIFY is needed.</summary>
    public static bool RequiresNewSession(int closeCode) => closeCode is InvalidSequence or SessionTimedOut;
}
