using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Telegram;

/// <summary>Checks the Telegram keys by name. Never repeats the token in a message: errors end up in logs.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BotToken) && !TokenShape().IsMatch(options.BotToken))
        {
            errors.Add($"{TelegramOptions.SectionName}:BotToken does not look like a token from BotFather (digits, a colon, then letters, digits, - or _).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{TelegramOptions.SectionName}:ApiBaseUrl: '{options.ApiBaseUrl}' is not an absolute http(s) URL.");
        }

        // Under a second, long polling becomes a busy loop of short polls.
        if (options.PollTimeout < TimeSpan.FromSeconds(1) || options.PollTimeout > TimeSpan.FromSeconds(100))
        {
            errors.Add($"{TelegramOptions.SectionName}:PollTimeout must be between 1 and 100 seconds.");
        }

        // Renewed every third of it: much shorter would mean a database write every few hundred milliseconds.
        if (options.PollerLease < TimeSpan.FromSeconds(3) || options.PollerLease > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{TelegramOptions.SectionName}:PollerLease must be between 3 seconds and 10 minutes.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    [GeneratedRegex(@"^\d{1,20}:[A-Za-z0-9_-]{1,200}$")]
    private static partial Regex TokenShape();
}
