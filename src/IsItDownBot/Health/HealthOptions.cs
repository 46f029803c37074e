namespace IsItDownBot.Health;

/// <summary>The <c>IsItDown:Health</c> section: where <c>run</c> serves /healthz, /readyz and /metrics.</summary>
internal sealed class HealthOptions
{
    public const string SectionName = "IsItDown:Health";

    /// <summary>A fixed port a scraper and a container health check can rely on: OpenTelemetry's Prometheus port.</summary>
    public const string DefaultUrls = "http://127.0.0.1:9464";

    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Semicolon-separated http:// addresses, as ASP.NET Core's <c>urls</c>. Loopback by default: the metrics say
    /// which services are watched, so exposing them (<c>http://0.0.0.0:9464</c>, as in the container) is a choice.
    /// </summary>
    public string Urls { get; set; } = DefaultUrls;

    public IReadOnlyList<string> UrlList => Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
