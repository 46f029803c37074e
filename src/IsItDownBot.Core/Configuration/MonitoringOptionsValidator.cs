using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Monitoring;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Configuration;

/// <summary>Checks the monitoring keys no attribute can: rate windows inside the per-platform map, watched ids.</summary>
internal sealed class MonitoringOptionsValidator(ServiceCatalog catalog) :
    IValidateOptions<AlertOptions>, IValidateOptions<MonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, AlertOptions options)
    {
        var errors = new List<string>();
        if (options.Lease <= options.LongestDelivery)
        {
            errors.Add($"{AlertOptions.SectionName}:Lease ({options.Lease}) must be longer than the longest delivery "
                + $"({options.LongestDelivery}: SendTimeout x (RetryAttempts + 1) and the waits between attempts), or an alert "
                + "could be taken over and sent twice while it is still being sent.");
        }

        foreach (var (platform, limits) in options.RateLimits)
        {
            Check($"{AlertOptions.SectionName}:RateLimits:{platform}:Overall", limits.Overall, errors);
            Check($"{AlertOptions.SectionName}:RateLimits:{platform}:PerChannel", limits.PerChannel, errors);
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    public ValidateOptionsResult Validate(string? name, MonitorOptions options)
    {
        var errors = options.AlwaysWatch
            .Select((id, index) => (id, index))
            .Where(pair => !AlwaysWatched.IsEveryService(pair.id) && catalog.Find(pair.id) is null)
            .Select(pair => $"{MonitorOptions.SectionName}:AlwaysWatch:{pair.index}: '{pair.id}' is not a service of the catalog "
                + $"(give catalog ids, or \"{AlwaysWatched.EveryService}\" for all of them).")
            .ToList();

        // The leader renews before each round: a lease shorter than the longest pause would pass to another
        // instance between two rounds of a live leader, and two monitors would decide the same transitions.
        var longestPause = options.Interval * (1 + options.Jitter);
        if (options.LeaderLease is { } lease && lease <= longestPause)
        {
            errors.Add($"{MonitorOptions.SectionName}:LeaderLease ({lease}) must be longer than the longest pause between rounds "
                + $"({longestPause}: Interval x (1 + Jitter)), or a live leader would lose the monitor between two rounds.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(string key, List<RateWindow> windows, List<string> errors)
    {
        for (var i = 0; i < windows.Count; i++)
        {
            if (windows[i].Count < 1)
            {
                errors.Add($"{key}:{i}:Count must be at least 1.");
            }

            if (windows[i].Per <= TimeSpan.Zero)
            {
                errors.Add($"{key}:{i}:Per must be a positive duration.");
            }
        }
    }
}
