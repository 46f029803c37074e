using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Health;
using IsItDownBot.Discord;
using IsItDownBot.Discord.Bot;
using IsItDownBot.Discord.Gateway;
using IsItDownBot.Discord.Rest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class DiscordServiceCollectionExtensions
{
    /// <summary>
    /// The Discord adapter, when <c>IsItDown:Discord:BotToken</c> is set: the gateway session, slash commands and
    /// answers, and the alert sink the dispatcher picks up. Without a token nothing is registered.
    /// </summary>
    public static IServiceCollection AddIsItDownDiscord(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<DiscordOptions>, DiscordOptionsValidator>();
        services.AddOptions<DiscordOptions>().Bind(configuration.GetSection(DiscordOptions.SectionName)).ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{DiscordOptions.SectionName}:BotToken"]))
        {
            return services;
        }

        // Its own HttpClient, outside IHttpClientFactory, whose request logging would show the Authorization header's
        // neighbourhood; connections are renewed so a change of Discord's addresses is picked up.
        services.TryAddSingleton(provider => new DiscordRestClient(
            new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(30) },
            provider.GetRequiredService<IOptions<DiscordOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DiscordRestClient>>()));
        services.TryAddSingleton(provider => new DiscordGatewayClient(
            provider.GetRequiredService<IOptions<DiscordOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILogger<DiscordGatewayClient>>()));
        services.TryAddSingleton<DiscordBotIdentity>();
        services.TryAddSingleton<DiscordInteractionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, DiscordAlertSink>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, DiscordReadinessCheck>());
        services.AddHostedService<DiscordBotService>();
        return services;
    }
}
