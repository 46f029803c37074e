using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Health;
using IsItDownBot.Core.Hosting;
using IsItDownBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace Microsoft.Extensions.DependencyInjection;

public static class TelegramServiceCollectionExtensions
{
    /// <summary>
    /// The Telegram adapter, when <c>IsItDown:Telegram:BotToken</c> is set: long polling, answers, subscriptions,
    /// and the alert sink the dispatcher picks up. Without a token nothing is registered.
    /// </summary>
    public static IServiceCollection AddIsItDownTelegram(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.AddOptions<TelegramOptions>().Bind(configuration.GetSection(TelegramOptions.SectionName)).ValidateOnStart();
        if (string.IsNullOrWhiteSpace(configuration[$"{TelegramOptions.SectionName}:BotToken"]))
        {
            return services;
        }

        // Two clients on one token. Answers to people keep Telegram.Bot's own 429 retry; alerts turn it off,
        // because the outbox dispatcher paces them and honours retry_after itself: two retry loops would stack.
        services.TryAddSingleton(provider => CreateClient(provider, retryOn429: true));
        services.TryAddKeyedSingleton(TelegramAlertSink.ClientKey, (provider, _) => CreateClient(provider, retryOn429: false));
        services.TryAddSingleton<TelegramBotIdentity>();
        services.TryAddSingleton<TelegramUpdateHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, TelegramAlertSink>());
        services.TryAddSingleton<TelegramPollHealth>();
        services.TryAddSingleton<InstanceName>();
        services.TryAddSingleton<TelegramPollerLease>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IReadinessCheck, TelegramReadinessCheck>());
        services.AddHostedService<TelegramPollingService>();
        return services;
    }

    private static ITelegramBotClient CreateClient(IServiceProvider provider, bool retryOn429)
    {
        var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;

        // A client of our own, outside IHttpClientFactory: its request logging would print URLs, and the token is
        // in every URL. Connections are renewed so a change of Telegram's addresses is picked up; the long poll
        // must fit in the timeout.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            Timeout = options.PollTimeout + TimeSpan.FromSeconds(30),
        };
        var clientOptions = new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/'));
        if (!retryOn429)
        {
            clientOptions.RetryThreshold = 0;
        }

        return new TelegramBotClient(clientOptions, http);
    }
}
