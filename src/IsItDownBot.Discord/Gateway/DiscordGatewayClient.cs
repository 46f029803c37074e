using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using IsItDownBot.Core.Hosting;
using IsItDownBot.Core.Telemetry;

namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// Discord's Gateway v10 over <see cref="ClientWebSocket"/>: keeps one session alive across dropped connections
/// (RESUME), starts a new one when Discord says so (IDENTIFY), and stops on close codes that only an operator can
/// fix. Dispatches go to the handler in order on one worker, apart from the receive loop: a handler that takes a
/// while delays the next dispatch but never a heartbeat. Handlers that do slow work (probes) should start it and
/// return.
/// </summary>
public sealed class DiscordGatewayClient
{
    public const int GuildMessagesIntent = 1 << 9;
    public const int DirectMessagesIntent = 1 << 12;
    public const int MessageContentIntent = 1 << 15;

    private readonly DiscordOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<DiscordGatewayClient> _logger;
    private readonly Func<ClientWebSocket> _socketFactory;
    private readonly GatewaySession _session = new();
    private GatewayConnection? _current;
    private int _reconnects;

    public DiscordGatewayClient(
        IOptions<DiscordOptions> options, TimeProvider time, ILogger<DiscordGatewayClient> logger, Func<ClientWebSocket>? socketFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _time = time;
        _logger = logger;
        _socketFactory = socketFactory ?? (() => new ClientWebSocket());
    }

    /// <summary>A number in [0, 1) for every jitter: the first heartbeat, the backoff, the wait after INVALID_SESSION.
    /// Tests pin it.</summary>
    internal Func<double> Jitter { get; set; } = Random.Shared.NextDouble;

    /// <summary>Connections opened after the first.</summary>
    public int Reconnects => Volatile.Read(ref _reconnects);

    /// <summary>True while a connection has a live session (after READY or RESUMED).</summary>
    public bool Connected => Volatile.Read(ref _current)?.Established ?? false;

    public string? SessionId => _session.SessionId;

    /// <summary>Slash commands need no intent; these add MESSAGE_CREATE for mentions and DMs, and message text in servers
    /// when the privileged MESSAGE_CONTENT intent is switched on.</summary>
    public static int IntentsFor(DiscordOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return GuildMessagesIntent | DirectMessagesIntent | (options.MessageContent ? MessageContentIntent : 0);
    }

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires (then returns) or Discord closes with a fatal code (then
    /// throws <see cref="DiscordFatalCloseException"/>). <paramref name="getGatewayUrl"/> gives the URL of
    /// <c>GET /gateway/bot</c>; it is asked again for every new session, while resuming goes to the session's
    /// <c>resume_gateway_url</c>.
    /// </summary>
    public async Task RunAsync(
        Func<CancellationToken, Task<string>> getGatewayUrl, Func<GatewayDispatch, CancellationToken, Task> onDispatch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(getGatewayUrl);
        ArgumentNullException.ThrowIfNull(onDispatch);
        var token = string.IsNullOrWhiteSpace(_options.BotToken)
            ? throw new InvalidOperationException($"No Discord bot token: set {DiscordOptions.SectionName}:BotToken.")
            : _options.BotToken;

        await using var dispatches = new GatewayDispatchQueue(onDispatch, _logger, cancellationToken);
        var backoff = new GatewayBackoff(Jitter);
        var first = true;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (!first)
            {
                Interlocked.Increment(ref _reconnects);
                BotMetrics.GatewayReconnects.Add(1, BotMetrics.Platform("discord"));
            }

            first = false;

            var uri = await GatewayUriAsync(getGatewayUrl, cancellationToken).ConfigureAwait(false);
            if (uri is null)
            {
                if (cancellationToken.IsCancellationRequested)
                    return;
                backoff.Failed();
                var retry = backoff.Next();
                if (!await Pause.ForAsync(retry, _time, cancellationToken).ConfigureAwait(false))
                    return;
                continue;
            }

            GatewayLog.Connecting(_logger, uri.Authority, _session.CanResume ? "resume" : "identify");
            var connection = new GatewayConnection(_socketFactory(), token, _options, _session, dispatches, _time, Jitter, _logger);
            GatewayConnectionEnd end;
            await using (connection.ConfigureAwait(false))
            {
                Volatile.Write(ref _current, connection);
                end = await connection.RunAsync(uri, cancellationToken).ConfigureAwait(false);
            }

            if (end.Reason == GatewayEndReason.Stopped || cancellationToken.IsCancellationRequested)
                return;

            if (end.CloseCode is { } code && GatewayCloseCodes.FatalExplanation(code) is { } explanation)
            {
                GatewayLog.Fatal(_logger, code, explanation);
                throw new DiscordFatalCloseException(code, explanation);
            }

            if ((end.CloseCode is { } closeCode && GatewayCloseCodes.RequiresNewSession(closeCode))
                || (end.Reason == GatewayEndReason.InvalidSession && !end.Resumable))
                _session.Forget();

            if (end.Healthy)
                backoff.Healthy();
            else
                backoff.Failed();

            var delay = end.Reason switch
            {
                GatewayEndReason.ReconnectRequested => TimeSpan.Zero, // Discord asks for an immediate resume
                GatewayEndReason.InvalidSession => backoff.AfterInvalidSession(),
                _ => backoff.Next(),
            };
            GatewayLog.Reconnecting(_logger, end.Reason, end.CloseCode, delay, _session.CanResume ? "resume" : "identify");
            if (!await Pause.ForAsync(delay, _time, cancellationToken).ConfigureAwait(false))
                return;
        }
    }

    // Resuming goes where READY said; a new session goes where REST says. Null after a failure (logged).
    private async Task<Uri?> GatewayUriAsync(Func<CancellationToken, Task<string>> getGatewayUrl, CancellationToken cancellationToken)
    {
        string? baseUrl = _session.CanResume ? _session.ResumeUrl : null;
        if (baseUrl is null)
        {
            try
            {
                baseUrl = await getGatewayUrl(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return null;
            }
            catch (DiscordFatalCloseException)
            {
                // The REST side already knows the session can never start (a refused token): no retry loop.
                throw;
            }
#pragma warning disable CA1031 // Whatever else the REST client throws, the gateway waits and asks again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                GatewayLog.GatewayUrlFailed(_logger, exception, exception.Message);
                return null;
            }
        }

        if (!Uri.TryCreate($"{baseUrl?.TrimEnd('/')}/?v=10&encoding=json", UriKind.Absolute, out var uri) || uri.Scheme is not ("ws" or "wss"))
        {
            GatewayLog.ConnectionFailed(_logger, "the gateway URL is not a ws:// or wss:// URL");
            return null;
        }

        return uri;
    }
}
