using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Tests.Storage;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Subscriptions;

public sealed class SubscriptionServiceTests : IAsyncLifetime
{
    private static readonly ChannelRef Channel = new("discord", "1234");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));
    private TempSqliteStore _database = null!;

    public async Task InitializeAsync() => _database = await TempSqliteStore.CreateAsync(_time);

    public Task DisposeAsync()
    {
        _database.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Subscribe_ByAlias_SubscribesTheServiceOnce()
    {
        var service = Service();

        var first = await service.SubscribeAsync(Channel, "wa", "alice", permitted: true);
        var second = await service.SubscribeAsync(Channel, "WhatsApp", "bob", permitted: true);

        Assert.Equal(SubscriptionOutcome.Subscribed, first.Outcome);
        Assert.Equal(SubscriptionOutcome.AlreadySubscribed, second.Outcome);
        var subscription = Assert.Single(await _database.Store.ListSubscriptionsAsync(Channel));
        Assert.Equal(("whatsapp", "alice"), (subscription.ServiceId, subscription.SubscribedBy));
    }

    [Fact]
    public async Task Subscribe_WithoutPermission_IsRefusedAndChangesNothing()
    {
        var result = await Service().SubscribeAsync(Channel, "facebook", "mallory", permitted: false);

        Assert.Equal(SubscriptionOutcome.NotPermitted, result.Outcome);
        Assert.Empty(await _database.Store.ListSubscriptionsAsync(Channel));
    }

    [Fact]
    public async Task Subscribe_ToATypo_SuggestsTheService()
    {
        var result = await Service().SubscribeAsync(Channel, "whatsap", "alice", permitted: true);

        Assert.Equal(SubscriptionOutcome.UnknownService, result.Outcome);
        Assert.Equal("whatsapp", Assert.Single(result.Suggestions).Id);
        Assert.Contains("Did you mean WhatsApp?", result.Message.English, StringComparison.Ordinal);
        Assert.Contains("Vouliez-vous dire WhatsApp ?", result.Message.French, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Subscribe_ToADomainOutsideTheCatalog_IsRefused()
    {
        var result = await Service().SubscribeAsync(Channel, "example.org", "alice", permitted: true);

        Assert.Equal(SubscriptionOutcome.NotInCatalog, result.Outcome);
        Assert.Empty(await _database.Store.ListSubscriptionsAsync(Channel));
    }

    [Fact]
    public async Task Subscribe_WithNothingNamed_AsksWhichService() =>
        Assert.Equal(SubscriptionOutcome.NoService, (await Service().SubscribeAsync(Channel, "  ", "alice", permitted: true)).Outcome);

    [Fact]
    public async Task Subscribe_PastTheLimit_IsRefusedWithTheLimit()
    {
        var service = Service(maxPerChannel: 2);
        await service.SubscribeAsync(Channel, "facebook", "alice", permitted: true);
        await service.SubscribeAsync(Channel, "instagram", "alice", permitted: true);

        var result = await service.SubscribeAsync(Channel, "whatsapp", "alice", permitted: true);

        Assert.Equal(SubscriptionOutcome.LimitReached, result.Outcome);
        Assert.Contains("at most 2", result.Message.English, StringComparison.Ordinal);
        Assert.Contains("au plus 2", result.Message.French, StringComparison.Ordinal);
        Assert.Equal(2, (await _database.Store.ListSubscriptionsAsync(Channel)).Count);
    }

    [Fact]
    public async Task SubscribeAll_ThenUnsubscribeAll_LeavesNothing()
    {
        var service = Service();

        var all = await service.SubscribeAsync(Channel, "all", "alice", permitted: true);
        var listed = await service.ListAsync(Channel);
        var none = await service.UnsubscribeAsync(Channel, "all", permitted: true);
        var again = await service.UnsubscribeAsync(Channel, "all", permitted: true);

        Assert.Equal(4, all.Services.Count);
        Assert.Equal(["Discord", "Facebook", "Instagram", "WhatsApp"], listed.Select(s => s.Name));
        Assert.Equal(SubscriptionOutcome.Unsubscribed, none.Outcome);
        Assert.Equal(SubscriptionOutcome.NotSubscribed, again.Outcome);
        Assert.Empty(await service.ListAsync(Channel));
    }

    [Fact]
    public async Task Unsubscribe_OneService_KeepsTheOthers()
    {
        var service = Service();
        await service.SubscribeAsync(Channel, "facebook", "alice", permitted: true);
        await service.SubscribeAsync(Channel, "discord", "alice", permitted: true);

        var result = await service.UnsubscribeAsync(Channel, "fb", permitted: true);

        Assert.Equal(SubscriptionOutcome.Unsubscribed, result.Outcome);
        Assert.Equal("discord", Assert.Single(await service.ListAsync(Channel)).Id);
    }

    [Fact]
    public async Task Messages_NeverEchoAHugeInputWhole()
    {
        var result = await Service().SubscribeAsync(Channel, new string('x', 5000), "alice", permitted: true);

        Assert.True(result.Message.English.Length < 200, result.Message.English);
        Assert.True(result.Message.French.Length < 200, result.Message.French);
    }

    private SubscriptionService Service(int maxPerChannel = SubscriptionOptions.DefaultMaxPerChannel) => new(
        _database.Store,
        new ServiceCatalog(
        [
            Define("facebook", "Facebook", "fb"), Define("instagram", "Instagram", "insta"),
            Define("whatsapp", "WhatsApp", "wa"), Define("discord", "Discord", "dc"),
        ]),
        Options.Create(new SubscriptionOptions { MaxPerChannel = maxPerChannel }),
        _time);

    private static ServiceDefinition Define(string id, string name, string alias) =>
        new(id, name, [alias], null, id + ".com", [new Uri($"https://www.{id}.com/")], []);
}
