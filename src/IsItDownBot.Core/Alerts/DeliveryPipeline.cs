using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace IsItDownBot.Core.Alerts;

/// <summary>
/// One delivery attempt of one alert, made resilient with Polly: a timeout per send, and a few retries with
/// exponential backoff and jitter for failures the sink calls temporary, waiting out a platform's short
/// retry-after. Anything longer is left to the outbox, which reschedules the alert durably.
/// </summary>
internal static class DeliveryPipeline
{
    public static ResiliencePipeline<DeliveryResult> Create(AlertOptions options, TimeProvider time)
    {
        var builder = new ResiliencePipelineBuilder<DeliveryResult> { TimeProvider = time };
        if (options.RetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions<DeliveryResult>
            {
                ShouldHandle = new PredicateBuilder<DeliveryResult>()
                    .HandleResult(result => result.Status == DeliveryStatus.RetryLater
                        && (result.RetryAfter is null || result.RetryAfter <= options.MaxInlineRetryAfter))
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.RetryAttempts,
                Delay = options.RetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,

                // The platform knows best how long to wait: its retry-after replaces the backoff.
                DelayGenerator = arguments => new ValueTask<TimeSpan?>(arguments.Outcome.Result?.RetryAfter),
            });
        }

        return builder.AddTimeout(options.SendTimeout).Build();
    }
}
