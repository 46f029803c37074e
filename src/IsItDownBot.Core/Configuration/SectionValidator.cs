using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Configuration;

/// <summary>
/// Checks an options class's range attributes, and those of the settings objects it holds (a
/// <c>RateWindow</c>), and names each failure by its full configuration key ("IsItDown:Dns:Timeout ...",
/// "IsItDown:Limits:PerUser:Count ..."), so an operator knows exactly what to fix.
/// </summary>
internal sealed class SectionValidator<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = new List<string>();
        Collect(options, section, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Collect(object options, string key, List<string> errors)
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            errors.AddRange(results.Select(result => $"{key}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
        }

        // Settings objects of this assembly nested in the section carry attributes of their own.
        foreach (var property in options.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length == 0
                && property.PropertyType.IsClass
                && property.PropertyType.Assembly == typeof(SectionValidator<>).Assembly
                && property.GetValue(options) is { } nested)
            {
                Collect(nested, $"{key}:{property.Name}", errors);
            }
        }
    }
}
