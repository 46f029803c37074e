using Microsoft.Extensions.Options;

namespace IsItDownBot.Cli;

/// <summary>Turns options validation failures, single or aggregated, into one usage error listing each key once.</summary>
internal static class ConfigurationErrors
{
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
