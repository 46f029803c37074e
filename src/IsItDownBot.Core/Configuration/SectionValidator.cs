using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Configuration;

/// <summary>
/// Checks an options class's range attributes and names each failure by its full configuration key
/// ("IsItDown:Dns:Timeout ..."), so an operator knows exactly what to fix.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(results.Select(result =>
            $"{section}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
    }
}
