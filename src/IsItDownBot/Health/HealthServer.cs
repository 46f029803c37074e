using System.Text.Json;
using IsItDownBot.Core.Health;
using IsItDownBot.Core.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace IsItDownBot.Health;

/// <summary>
/// /healthz, /readyz and /metrics on Kestrel, as a small web application of its own inside the bot's host: the
/// bot stays a generic host that runs without it (<c>IsItDown:Health:Enabled=false</c>), and this one only reads
/// the bot's readiness checks. Registered before the bot's other work, so /healthz answers while the database
/// is being migrated and /readyz says it is not ready yet.
/// </summary>
internal sealed partial class HealthServer(
    IEnumerable<IReadinessCheck> checks,
    IOptions<HealthOptions> options,
    IEnumerable<ILoggerProvider> providers,
    ILogger<HealthServer> logger) : IHostedService, IAsyncDisposable
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";
    public const string MetricsPath = "/metrics";

    private WebApplication? _app;

    /// <summary>The addresses Kestrel listens on once started, with the real port when the configured one was 0.</summary>
    public IReadOnlyList<string> Addresses => _app is { } app ? [.. app.Urls] : [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var urls = options.Value.Urls;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls([.. options.Value.UrlList]);
        builder.Services.AddRoutingCore();
        builder.Services.AddSingleton<IHostLifetime, EmbeddedLifetime>();

        // The bot's own logging providers (Serilog decides the levels), not a second pipeline. The bot's host
        // already reports a failed start, with the key to fix: this one would only repeat it with a stack trace.
        builder.Logging.SetMinimumLevel(LogLevel.Trace).AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        foreach (var provider in providers)
        {
            builder.Logging.AddProvider(provider);
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("isitdown"))
            .WithMetrics(metrics => metrics.AddMeter(BotMetrics.MeterName).AddPrometheusExporter());

        var app = builder.Build();
        app.UseRouting();
        app.MapGet(LivenessPath, context => Text(context, StatusCodes.Status200OK, "ok"));
        app.MapGet(ReadinessPath, ReadinessAsync);
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw new HealthBindException(urls, exception);
        }

        _app = app;
        var listening = string.Join(", ", app.Urls);
        LogListening(logger, listening);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task ReadinessAsync(HttpContext context)
    {
        var report = await ReadinessReport.RunAsync(checks, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = report.Ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-store";
        await JsonSerializer.SerializeAsync(context.Response.Body, report, cancellationToken: context.RequestAborted).ConfigureAwait(false);
    }

    private static Task Text(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain";
        context.Response.Headers.CacheControl = "no-store";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Health endpoints on {Urls}: /healthz, /readyz, /metrics")]
    private static partial void LogListening(ILogger logger, string urls);
}
