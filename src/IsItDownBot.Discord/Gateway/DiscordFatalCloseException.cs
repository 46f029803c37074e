namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// Discord closed the gateway with a code that reconnecting cannot fix (a bad token, intents or shard
/// settings): the adapter must stop and tell the operator what to change, never loop.
/// </summary>
#pragma warning disable CA1032 // The close code is the point of this exception; a parameterless one would be meaningless.
public sealed class DiscordFatalCloseException(int closeCode, string explanation)
#pragma warning restore CA1032
    : Exception($"Discord closed the gateway with code {closeCode}: {explanation}")
{
    public int CloseCode { get; } = closeCode;
}
