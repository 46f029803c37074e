using System.Text.Json;
using Telegram.Bot.Exceptions;

namespace IsItDownBot.Telegram;

/// <summary>
/// Failures of Bot API calls, described for logs without the token: the token is part of every request URL,
/// and an exception's text or inner exceptions might carry it. Nothing here logs an exception object.
/// </summary>
internal static class TelegramErrors
{
    public static bool IsExpected(Exception exception) =>
        exception is ApiRequestException or RequestException or HttpRequestException or JsonException or IOException
            or TaskCanceledException or TimeoutException;

    /// <summary>"ApiRequestException 403: Forbidden: bot was blocked by the user", token replaced wherever it appears.</summary>
    public static string Describe(Exception exception, string? token)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var code = exception is ApiRequestException api ? $" {api.ErrorCode}" : "";
        var text = $"{exception.GetType().Name}{code}: {exception.Message}";
        if (exception.InnerException is { } inner && inner.Message != exception.Message)
        {
            text += $" ({inner.GetType().Name}: {inner.Message})";
        }

        return Scrub(text, token);
    }

    public static string Scrub(string text, string? token) =>
        string.IsNullOrEmpty(token) ? text : text.Replace(token, "<token>", StringComparison.Ordinal);
}
