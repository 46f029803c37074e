using Microsoft.Extensions.Options;

namespace IsItDownBot.Discord;

/// <summary>Checks the Discord keys by name. Never repeats the token in a message: errors end up in logs.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var errors = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.BotToken) && (options.BotToken.Split('.').Length != 3 || options.BotToken.Any(char.IsWhiteSpace)))
        {
            errors.Add($"{DiscordOptions.SectionName}:BotToken does not look like a bot token (three parts separated by dots, from the developer portal's Bot page).");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{DiscordOptions.SectionName}:ApiBaseUrl: '{options.ApiBaseUrl}' is not an absolute http(s) URL.");
        }

        if (options.GuildId is { Length: > 0 } guild && !guild.All(char.IsAsciiDigit))
        {
            errors.Add($"{DiscordOptions.SectionName}:GuildId: '{guild}' is not a server id (digits; right-click the server with developer mode on).");
        }

        if (options.ShardCount < 1 || options.ShardId < 0 || options.ShardId >= options.ShardCount)
        {
            errors.Add($"{DiscordOptions.SectionName}:ShardId must be at least 0 and below ShardCount ({options.ShardCount}), which must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
