using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Cli;

/// <summary>
/// Turns options validation failures, single or aggregated, into one usage error listing each key once, and a
/// value the binder cannot convert into one sentence with the key, the value and the form it should take.
/// </summary>
internal static partial class ConfigurationErrors
{
    /// <summary>The form each convertible type takes, as a person would write it in appsettings.json.</summary>
    private static readonly Dictionary<string, string> ExpectedForms = new(StringComparer.Ordinal)
    {
        ["System.TimeSpan"] = "a duration: use hh:mm:ss, e.g. 00:00:02 for two seconds, or d.hh:mm:ss for days",
        ["System.Int32"] = "a whole number, e.g. 5",
        ["System.Int64"] = "a whole number, e.g. 5",
        ["System.Double"] = "a number with a dot for decimals, e.g. 0.1",
        ["System.Boolean"] = "true or false",
    };

    /// <summary>
    /// The binder's "Failed to convert configuration value '2 seconds' at 'IsItDown:Dns:Timeout' to type
    /// 'System.TimeSpan'" names the key and the value but not what would do.
    /// </summary>
    public static UsageException DescribeBinding(InvalidOperationException exception)
    {
        var match = ConversionFailure().Match(exception.Message);
        if (!match.Success)
        {
            return new UsageException("Invalid configuration: " + exception.Message, exception);
        }

        var (value, key, type) = (match.Groups["value"].Value, match.Groups["key"].Value, match.Groups["type"].Value);
        var form = ExpectedForms.TryGetValue(type, out var known) ? known : $"a {type.Split('.')[^1]}";
        return new UsageException($"Invalid configuration: {key} is '{value}', which is not {form}.", exception);
    }

    [GeneratedRegex(@"^Failed to convert configuration value '(?<value>.*)' at '(?<key>[^']+)' to type '(?<type>[^']+)'", RegexOptions.Singleline)]
    private static partial Regex ConversionFailure();

    public static bool TryDescribe(Exception exception, out UsageException usage)
    {
        var failures = Validations(exception).SelectMany(validation => validation.Failures).Distinct().ToList();
        usage = new UsageException("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", failures), exception);
        return failures.Count > 0;
    }

    private static IEnumerable<OptionsValidationException> Validations(Exception exception) => exception switch
    {
        OptionsValidationException validation => [validation],
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.SelectMany(Validations),
        _ => [],
    };
}
