namespace IsItDownBot.Cli;

/// <summary>Bad arguments or configuration: shown to the user as one message, exit code 2, no stack trace.</summary>
internal sealed class UsageException(string message, Exception? inner = null) : Exception(message, inner);
