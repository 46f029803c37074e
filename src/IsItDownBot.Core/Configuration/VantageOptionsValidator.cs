using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Configuration;

/// <summary>
/// Checks <c>IsItDown:Vantage</c>: it is shown to users inside sentences and shared between instances, so it is
/// kept short and plain ("eu-west", "us-east-2").
/// </summary>
internal sealed class VantageOptionsValidator : IValidateOptions<VantageOptions>
{
    public ValidateOptionsResult Validate(string? name, VantageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return IsValidName(options.Name)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{VantageOptions.NameKey}: '{options.Name}' is not a vantage name: 1 to {VantageOptions.MaxNameLength} letters, digits or '-', "
                + "starting and ending with a letter or digit (\"eu-west\").");
    }

    public static bool IsValidName(string? vantage) =>
        !string.IsNullOrEmpty(vantage)
        && vantage.Length <= VantageOptions.MaxNameLength
        && vantage.All(character => char.IsAsciiLetterOrDigit(character) || character == '-')
        && vantage[0] != '-'
        && vantage[^1] != '-';
}
