using Microsoft.Extensions.Options;

namespace IsItDownBot.Health;

/// <summary>Each address must be plain http with a host and a port: Kestrel here has no certificate to serve https.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var urls = options.UrlList;
        if (urls.Count == 0)
        {
            return ValidateOptionsResult.Fail($"{HealthOptions.SectionName}:Urls: give at least one address such as {HealthOptions.DefaultUrls}, or set {HealthOptions.SectionName}:Enabled to false.");
        }

        var errors = urls
            .Where(url => HealthUrls.ToProbeUri(url) is null)
            .Select(url => $"{HealthOptions.SectionName}:Urls: '{url}' is not an http://host:port address (https is not served here).")
            .ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
