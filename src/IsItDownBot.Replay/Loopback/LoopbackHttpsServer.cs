using System.Net;
using System.Net.Security;
using System.Runtime.CompilerServices;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Replay.Loopback;

/// <summary>
/// Kestrel on one loopback address, HTTPS with the given certificate (plain HTTP when it is null),
/// answering every request with one <see cref="RequestDelegate"/>.
/// </summary>
public sealed class LoopbackHttpsServer : IAsyncDisposable
{
    // Backstop only: handlers from this class end on ApplicationStopping, so shutdown is quick.
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(2);

    private readonly WebApplication _app;
    private readonly StrongBox<int> _requestCount;
    private readonly StrongBox<SslStreamCertificateContext?> _certificate;

    private LoopbackHttpsServer(WebApplication app, StrongBox<int> requestCount, StrongBox<SslStreamCertificateContext?> certificate, IPEndPoint endPoint, bool https)
    {
        _app = app;
        _requestCount = requestCount;
        _certificate = certificate;
        EndPoint = endPoint;
        Https = https;
    }

    public IPEndPoint EndPoint { get; }

    public int Port => EndPoint.Port;

    public bool Https { get; }

    public int RequestCount => Volatile.Read(ref _requestCount.Value);

    /// <summary>https://{host}:{Port}/ (http:// without a certificate). The host is only a name: the
    /// client has to connect to <see cref="EndPoint"/> itself, e.g. with SocketsHttpHandler.ConnectCallback.</summary>
    public Uri UriFor(string host) => new($"{(Https ? "https" : "http")}://{host}:{Port}/");

    /// <param name="port">0 lets the system pick one.</param>
    public static async Task<LoopbackHttpsServer> StartAsync(
        IPAddress address, X509Certificate2? certificate, RequestDelegate handler, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(LoopbackHttpsServer).Assembly.GetName().Name });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = ShutdownTimeout);
        // Read on every connection, so a replay can renew (or let expire) the certificate of a running server.
        var current = new StrongBox<SslStreamCertificateContext?>(certificate is null ? null : Offline(certificate));
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false; // handlers decide whether there is a Server header
            kestrel.Listen(address, port, listen =>
            {
                if (certificate is null)
                    return;

                listen.UseHttps(new TlsHandshakeCallbackOptions
                {
                    OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = Volatile.Read(ref current.Value) }),
                });
            });
        });

        var app = builder.Build();
        // The counter exists before the server object because requests can arrive as soon as Kestrel starts.
        var requestCount = new StrongBox<int>();
        // Only upgrade requests are affected: handlers such as FakeDiscordGateway's can accept WebSockets.
        app.UseWebSockets();
        app.Run(context =>
        {
            Interlocked.Increment(ref requestCount.Value);
            return handler(context);
        });

        await app.StartAsync().ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackHttpsServer(app, requestCount, current, new IPEndPoint(address, new Uri(bound).Port), certificate is not null);
    }

    /// <summary>Serves <paramref name="certificate"/> from the next connection on (an HTTPS server only).</summary>
    public void UseCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!Https)
            throw new InvalidOperationException("A plain HTTP server has no certificate to replace.");

        Volatile.Write(ref _certificate.Value, Offline(certificate));
    }

    /// <summary>Answers <paramref name="status"/> with an empty body, and a Server header if given.</summary>
    public static RequestDelegate Respond(int status, string? serverHeader = null) => context =>
    {
        context.Response.StatusCode = status;
        if (serverHeader is not null)
            context.Response.Headers.Server = serverHeader;
        return Task.CompletedTask;
    };

    /// <summary>Answers <paramref name="status"/> after <paramref name="delay"/>, or drops the
    /// connection if the client leaves or the server stops first.</summary>
    public static RequestDelegate RespondAfter(TimeSpan delay, int status) => async context =>
    {
        if (await WaitAsync(context, delay).ConfigureAwait(false))
            context.Response.StatusCode = status;
    };

    /// <summary>Never answers: holds the request until the client goes away or the server stops,
    /// then drops the connection without a response.</summary>
    public static RequestDelegate Hang() => async context =>
    {
        _ = await WaitAsync(context, Timeout.InfiniteTimeSpan).ConfigureAwait(false);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // Offline: Kestrel's default would fetch missing intermediates from the URL the certificate names, and the
    // tests must see every connection to such a URL come from the bot, if any.
    private static SslStreamCertificateContext Offline(X509Certificate2 certificate) =>
        SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);

    // True when the delay ran out; false (after aborting the connection) when the client left or
    // the server is stopping, so a waiting handler never holds up shutdown.
    /// <summary>How the simulated evidence sources answer: after <paramref name="delay"/>, an error status, or the JSON.</summary>
    internal static async Task RespondJsonAsync(HttpContext context, TimeSpan delay, int status, Func<string> json)
    {
        if (delay != TimeSpan.Zero && !await WaitAsync(context, delay).ConfigureAwait(false))
        {
            return;
        }

        if (status != StatusCodes.Status200OK)
        {
            context.Response.StatusCode = status;
            await context.Response.WriteAsync("error", context.RequestAborted).ConfigureAwait(false);
            return;
        }

        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json(), context.RequestAborted).ConfigureAwait(false);
    }

    internal static async Task<bool> WaitAsync(HttpContext context, TimeSpan delay)
    {
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await Task.Delay(delay, cancel.Token).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            context.Abort();
            return false;
        }
    }
}
