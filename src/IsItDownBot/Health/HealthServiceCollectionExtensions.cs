using IsItDownBot.Health;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class HealthServiceCollectionExtensions
{
    /// <summary>
    /// /healthz, /readyz and /metrics for <c>run</c>, unless <c>IsItDown:Health:Enabled</c> is false. Call it before
    /// the bot's background work: hosted services start in order, and liveness should answer from the start.
    /// </summary>
    public static IServiceCollection AddIsItDownHealth(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<HealthOptions>, HealthOptionsValidator>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection(HealthOptions.SectionName)).ValidateOnStart();
        // Only a clear "false" turns the endpoints off; anything unreadable is left to the options binding, which
        // stops the start naming the key.
        if (bool.TryParse(configuration[HealthOptions.SectionName + ":Enabled"], out var enabled) && !enabled)
        {
            return services;
        }

        services.AddSingleton<HealthServer>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthServer>());
        return services;
    }
}
