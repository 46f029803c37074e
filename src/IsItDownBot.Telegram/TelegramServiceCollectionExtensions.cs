using IsItDownBot.Core.Alerts;
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

        services.TryAddSingleton<ITelegramBotClient>(provider =>
        {
            var options = provider.GetRequiredService<IOptions<TelegramOptions>>().Value;

            // A client of our own, outside IHttpClientFactory: its request logging would print URLs, and the
            // token is in every URL. The long poll must fit in the client's timeout.
            var http = new HttpClient { Timeout = options.PollTimeout + TimeSpan.FromSeconds(30) };

            // RetryThreshold 0: the outbox dispatcher honours 429 retry_after itself; two retry loops would stack.
            return new TelegramBotClient(new TelegramBotClientOptions(options.BotToken!, options.ApiBaseUrl.TrimEnd('/')) { RetryThreshold = 0 }, http);
        });
        services.TryAddSingleton<TelegramBotIdentity>();
        services.TryAddSingleton<TelegramUpdateHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IAlertSink, TelegramAlertSink>());
        services.AddHostedService<TelegramPollingService>();
        return services;
    }
}
