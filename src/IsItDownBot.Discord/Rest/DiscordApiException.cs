namespace IsItDownBot.Discord.Rest;

/// <summary>
/// Discord refused a request, or could not be reached (<see cref="StatusCode"/> 0). <see cref="Code"/> is
/// Discord's own error code when the body carried one: 10003 unknown channel, 50001 missing access,
/// 50013 missing permissions, 10062 unknown interaction. The message never contains the bot token.
/// </summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException()
        : this("Discord API request failed.")
    {
    }

    public DiscordApiException(string message)
        : base(message)
    {
    }

    public DiscordApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal DiscordApiException(
        int statusCode, int? code, string detail, TimeSpan? retryAfter = null, bool global = false, Exception? innerException = null)
        : base(Describe(statusCode, code, detail), innerException)
    {
        StatusCode = statusCode;
        Code = code;
        RetryAfter = retryAfter;
        Global = global;
    }

    /// <summary>The HTTP status, or 0 when no response arrived (network error, timeout).</summary>
    public int StatusCode { get; }

    /// <summary>The <c>code</c> of Discord's JSON error body, when there was one.</summary>
    public int? Code { get; }

    /// <summary>On a 429: how long Discord asked to wait.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>On a 429: the limit was the bot's global one, not the route's.</summary>
    public bool Global { get; }

    private static string Describe(int statusCode, int? code, string detail) =>
        code is { } c ? $"Discord API {statusCode} ({c}): {detail}" : $"Discord API {statusCode}: {detail}";
}
