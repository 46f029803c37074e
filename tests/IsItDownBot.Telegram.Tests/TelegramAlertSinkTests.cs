using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace IsItDownBot.Telegram.Tests;

/// <summary>What each Bot API answer means for the outbox, against the fake Bot API.</summary>
public sealed class TelegramAlertSinkTests : IAsyncLifetime, IDisposable
{
    private const long Chat = -100123;
    private static readonly DateTimeOffset At = new(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"isitdown-sink-{Guid.NewGuid():N}.db");
    private FakeTelegramBotApi _telegram = null!;
    private readonly SqliteBotStore _store;

    public TelegramAlertSinkTests() => _store = new SqliteBotStore($"Data Source={_database}", TimeProvider.System);

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        await _store.MigrateAsync();
    }

    public Task DisposeAsync() => _telegram.DisposeAsync().AsTask();

    // After DisposeAsync: the store's connections are closed before its file is deleted.
    public void Dispose()
    {
        _store.Dispose();
        File.Delete(_database);
    }

    [Fact]
    public async Task Send_Delivered_PostsTheAlertAsHtml()
    {
        var result = await Sink().SendAsync(Alert(Chat), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        var sent = Assert.Single(_telegram.Sent(Chat));
        Assert.Equal("🔴 <b>Facebook is down</b>\nDNS failure\nSince 2021-10-04 15:40 UTC.", sent.Text);
    }

    [Theory]
    [InlineData(403, "Forbidden: bot was blocked by the user", DeliveryStatus.ChannelGone)]
    [InlineData(403, "Forbidden: bot was kicked from the supergroup chat", DeliveryStatus.ChannelGone)]
    [InlineData(400, "Bad Request: chat not found", DeliveryStatus.ChannelGone)]
    [InlineData(400, "Bad Request: not enough rights to send text messages to the chat", DeliveryStatus.Rejected)]
    public async Task Send_WhenTheChatRefuses_SaysWhetherTheChatIsGone(int code, string description, DeliveryStatus expected)
    {
        _telegram.BlockChat(Chat, code, description);

        var result = await Sink().SendAsync(Alert(Chat), CancellationToken.None);

        Assert.Equal(expected, result.Status);
        Assert.Contains(description, result.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(_telegram.Token, result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_When429_RetriesAfterWhatTelegramSaysWithoutRetryingItself()
    {
        _telegram.RateLimit(messagesAllowed: 0, per: TimeSpan.FromMinutes(1), retryAfterSeconds: 17);

        var result = await Sink().SendAsync(Alert(Chat), CancellationToken.None);

        Assert.Equal((DeliveryStatus.RetryLater, TimeSpan.FromSeconds(17)), (result.Status, result.RetryAfter));
        Assert.Equal(1, _telegram.TooManyRequests);
    }

    [Fact]
    public async Task Send_WhenTheBotApiFails_RetriesLater()
    {
        _telegram.FailNext(1, 500, rawBody: "<html>Internal Server Error</html>");

        Assert.Equal(DeliveryStatus.RetryLater, (await Sink().SendAsync(Alert(Chat), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task Send_ToAGroupThatBecameASupergroup_MovesItsSubscriptionsAndDeliversThere()
    {
        const long supergroup = -100999;
        _telegram.MigrateChat(Chat, supergroup);
        await _store.AddSubscriptionAsync(new Subscription(new ChannelRef("telegram", Chat.ToString(System.Globalization.CultureInfo.InvariantCulture)), "facebook", "admin", At));

        var result = await Sink().SendAsync(Alert(Chat), CancellationToken.None);

        Assert.Equal(DeliveryStatus.Delivered, result.Status);
        Assert.Single(_telegram.Sent(supergroup));
        Assert.Single(await _store.ListSubscriptionsAsync(new ChannelRef("telegram", supergroup.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    private TelegramAlertSink Sink() => new(
        new TelegramBotClient(new TelegramBotClientOptions(_telegram.Token, _telegram.BaseUrl) { RetryThreshold = 0 }),
        _store,
        Options.Create(new TelegramOptions { BotToken = _telegram.Token, ApiBaseUrl = _telegram.BaseUrl }));

    private static OutboxAlert Alert(long chat) => new(
        1,
        new ChannelRef("telegram", chat.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        "down:1:telegram:" + chat,
        new AlertMessage(TransitionKind.Down, null, [new AlertItem("facebook", "Facebook", CauseCodes.DnsServFail, "DNS failure", At)]),
        0,
        At,
        "token");
}
