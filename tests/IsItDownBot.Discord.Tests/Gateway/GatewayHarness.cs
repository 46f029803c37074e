using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using IsItDownBot.Discord.Gateway;
using IsItDownBot.Testing;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Discord.Tests.Gateway;

/// <summary>A real <see cref="DiscordGatewayClient"/> running against a <see cref="FakeDiscordGateway"/>, with the
/// jitter pinned and every dispatch recorded.</summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    private static readonly TimeSpan WaitTimeout = TimeSpan.FromSeconds(15);

    private readonly Channel<GatewayDispatch> _dispatches = Channel.CreateUnbounded<GatewayDispatch>();
    private readonly List<GatewayDispatch> _seen = [];
    private readonly CancellationTokenSource _stop = new();

    private GatewayHarness(FakeDiscordGateway fake, DiscordGatewayClient client, RecordingLogger<DiscordGatewayClient> logger)
    {
        Fake = fake;
        Client = client;
        Logger = logger;
    }

    public FakeDiscordGateway Fake { get; }

    public DiscordGatewayClient Client { get; }

    public RecordingLogger<DiscordGatewayClient> Logger { get; }

    public Task Run { get; private set; } = Task.CompletedTask;

    /// <summary>Called before each dispatch is recorded; may throw to test handler failures.</summary>
    public Action<GatewayDispatch>? OnDispatch { get; set; }

    public static async Task<GatewayHarness> StartAsync(
        TimeSpan? heartbeatInterval = null, string? token = null, bool messageContent = false, int shardId = 0, int shardCount = 1,
        double jitter = 0, bool run = true)
    {
        var fake = await FakeDiscordGateway.StartAsync();
        fake.HeartbeatInterval = heartbeatInterval ?? TimeSpan.FromSeconds(41.25);
        var options = new DiscordOptions { BotToken = token ?? fake.Token, MessageContent = messageContent, ShardId = shardId, ShardCount = shardCount };
        var logger = new RecordingLogger<DiscordGatewayClient>();
        var client = new DiscordGatewayClient(Options.Create(options), TimeProvider.System, logger) { Jitter = () => jitter };
        var harness = new GatewayHarness(fake, client, logger);
        if (run)
            harness.Start();
        return harness;
    }

    public void Start() =>
        Run = Client.RunAsync(_ => Task.FromResult(Fake.Url), HandleAsync, _stop.Token);

    public Task StopAsync() => _stop.CancelAsync();

    /// <summary>The next dispatch named <paramref name="eventName"/> that the handler received, in order.</summary>
    public async Task<GatewayDispatch> NextAsync(string eventName)
    {
        using var timeout = new CancellationTokenSource(WaitTimeout);
        while (true)
        {
            var dispatch = await _dispatches.Reader.ReadAsync(timeout.Token);
            if (dispatch.EventName == eventName)
                return dispatch;
        }
    }

    public IReadOnlyList<GatewayDispatch> Seen
    {
        get { lock (_seen) return [.. _seen]; }
    }

    public static JsonObject Interaction(string id) => new()
    {
        ["id"] = id,
        ["application_id"] = "900000000000000001",
        ["type"] = 2,
        ["token"] = "interaction-token",
        ["data"] = new JsonObject { ["name"] = "isitdown" },
    };

    public static string IdOf(GatewayDispatch dispatch) => dispatch.Data.GetProperty("id").GetString()!;

    public static int Op(JsonObject frame) => frame["op"]!.GetValue<int>();

    public static JsonElement? D(JsonObject frame) => frame["d"] is { } d ? JsonSerializer.SerializeToElement(d) : null;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Run.WaitAsync(WaitTimeout);
        }
        catch (DiscordFatalCloseException)
        {
            // Tests that expect it have already checked it.
        }

        await Fake.DisposeAsync();
        _stop.Dispose();
    }

    private Task HandleAsync(GatewayDispatch dispatch, CancellationToken cancellationToken)
    {
        lock (_seen)
            _seen.Add(dispatch);
        _dispatches.Writer.TryWrite(dispatch);
        OnDispatch?.Invoke(dispatch);
        return Task.CompletedTask;
    }
}
