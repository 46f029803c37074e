using Telegram.Bot.Exceptions;

namespace IsItDownBot.Telegram.Tests;

public sealed class TelegramErrorsTests
{
    private static readonly string Token = IsItDownBot.Testing.TestTokens.Telegram();

    [Fact]
    public void Describe_RemovesTheTokenFromTheMessageAndInnerMessages()
    {
        var exception = new RequestException(
            $"POST https://api.telegram.org/bot{Token}/sendMessage failed",
            new HttpRequestException($"Connection refused (https://api.telegram.org/bot{Token}/sendMessage)"));

        var text = TelegramErrors.Describe(exception, Token);

        Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        Assert.Contains("/bot<token>/sendMessage", text, StringComparison.Ordinal);
        Assert.StartsWith("RequestException: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_NamesTheBotApiErrorCode()
    {
        var text = TelegramErrors.Describe(new ApiRequestException("Forbidden: bot was blocked by the user", 403), Token);

        Assert.Equal("ApiRequestException 403: Forbidden: bot was blocked by the user", text);
    }
}
