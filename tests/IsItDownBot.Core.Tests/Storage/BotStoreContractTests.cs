using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Core.Vantages;
using static IsItDownBot.Core.Tests.Storage.Rounds;

namespace IsItDownBot.Core.Tests.Storage;

/// <summary>
/// What every <see cref="IBotStore"/> must do, whatever the database. A new store (PostgreSQL) passes by
/// deriving from this class and saying how to create a fresh, migrated instance.
/// </summary>
public abstract class BotStoreContractTests
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);

    /// <summary>A store over an empty database of its own, already migrated.</summary>
    protected abstract Task<IBotStore> CreateStoreAsync();

    // Subscriptions

    [Fact]
    public async Task AddSubscription_WhenTheChannelIsAlreadySubscribed_ReturnsFalseAndKeepsOne()
    {
        var store = await CreateStoreAsync();

        Assert.True(await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook")));
        Assert.False(await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook", Start.AddHours(1))));

        var subscription = Assert.Single(await store.ListSubscriptionsAsync(TelegramChat));
        Assert.Equal(Start, subscription.SubscribedAt);
    }

    [Fact]
    public async Task AddSubscription_KeepsTheLanguageItWasAskedIn()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook") with { Language = Language.French });
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "instagram"));

        var saved = await store.ListSubscriptionsAsync(TelegramChat);

        Assert.Equal(Language.French, saved.Single(subscription => subscription.ServiceId == "facebook").Language);
        Assert.Equal(Language.English, saved.Single(subscription => subscription.ServiceId == "instagram").Language);
    }

    [Fact]
    public async Task RemoveSubscription_WhenSubscribed_RemovesItAndThenFindsNothingToRemove()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "discord"));

        Assert.True(await store.RemoveSubscriptionAsync(TelegramChat, "facebook"));
        Assert.False(await store.RemoveSubscriptionAsync(TelegramChat, "facebook"));

        Assert.Equal(["discord"], (await store.ListSubscriptionsAsync(TelegramChat)).Select(s => s.ServiceId));
    }

    [Fact]
    public async Task ListSubscriptions_ReturnsOnlyThatChannelsSubscriptionsAsSaved()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "instagram"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook", Start.AddMinutes(5)));
        await store.AddSubscriptionAsync(Subscription(OtherTelegramChat, "discord"));
        await store.AddSubscriptionAsync(Subscription(new ChannelRef("discord", TelegramChat.ChannelId), "x"));

        var subscriptions = await store.ListSubscriptionsAsync(TelegramChat);

        Assert.Equal(
            [Subscription(TelegramChat, "facebook", Start.AddMinutes(5)), Subscription(TelegramChat, "instagram")],
            subscriptions);
    }

    [Fact]
    public async Task Subscribers_OfSeveralServices_ReturnsEverySubscriptionToAnyOfThem()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "instagram"));
        await store.AddSubscriptionAsync(Subscription(DiscordChannel, "instagram"));
        await store.AddSubscriptionAsync(Subscription(OtherTelegramChat, "discord"));

        var subscribers = await store.SubscribersAsync(["facebook", "instagram", "whatsapp"]);

        Assert.Equal(
            ["discord:880000000000000001/instagram", "telegram:-100123/facebook", "telegram:-100123/instagram"],
            subscribers.Select(s => $"{s.Channel}/{s.ServiceId}").Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Subscribers_OfNoServices_ReturnsNothing()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));

        Assert.Empty(await store.SubscribersAsync([]));
    }

    [Fact]
    public async Task Subscribers_WhenAServiceIdLooksLikeSql_TreatsItAsAPlainValue()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));

        Assert.Empty(await store.SubscribersAsync(["x') OR 1=1 --", "' OR '1'='1"]));
        Assert.Single(await store.ListSubscriptionsAsync(TelegramChat));
    }

    [Fact]
    public async Task SubscribedServices_ListsEachSubscribedServiceOnce()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(DiscordChannel, "facebook"));
        await store.AddSubscriptionAsync(Subscription(DiscordChannel, "discord"));

        Assert.Equal(["discord", "facebook"], (await store.SubscribedServicesAsync()).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RemoveChannel_RemovesAllItsSubscriptionsAndSaysHowMany()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "discord"));
        await store.AddSubscriptionAsync(Subscription(OtherTelegramChat, "discord"));

        var removed = await store.RemoveChannelAsync(TelegramChat, "Forbidden: bot was kicked from the group chat", Start);

        Assert.Equal(2, removed);
        Assert.Empty(await store.ListSubscriptionsAsync(TelegramChat));
        Assert.Single(await store.ListSubscriptionsAsync(OtherTelegramChat));
    }

    [Fact]
    public async Task MoveChannel_MovesItsSubscriptionsAndMergesThoseTheNewIdAlreadyHad()
    {
        var store = await CreateStoreAsync();
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "facebook"));
        await store.AddSubscriptionAsync(Subscription(TelegramChat, "discord"));
        await store.AddSubscriptionAsync(Subscription(OtherTelegramChat, "discord"));

        var moved = await store.MoveChannelAsync(TelegramChat, OtherTelegramChat);

        Assert.Equal(2, moved);
        Assert.Empty(await store.ListSubscriptionsAsync(TelegramChat));
        Assert.Equal(["discord", "facebook"], (await store.ListSubscriptionsAsync(OtherTelegramChat)).Select(s => s.ServiceId));
    }

    [Fact]
    public async Task MoveChannel_SendsTheOldIdsPendingAlertsToTheNewId()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));

        await store.MoveChannelAsync(TelegramChat, OtherTelegramChat);

        var alert = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        Assert.Equal(OtherTelegramChat, alert.Channel);
    }

    // Rounds and incidents

    [Fact]
    public async Task CommitRound_WhenAServiceGoesDown_OpensAnIncidentAndQueuesOneAlertPerChannel()
    {
        var store = await CreateStoreAsync();

        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat, OtherTelegramChat, DiscordChannel));

        var incident = await store.OpenIncidentAsync("facebook");
        Assert.NotNull(incident);
        Assert.Equal(Start, incident.OpenedAt);
        Assert.Equal(DnsDown.Code, incident.OpenCauseCode);
        Assert.Equal(DnsDown.Summary.English, incident.OpenSummary);
        Assert.True(incident.IsOpen);

        var telegram = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10);
        Assert.Equal(
            [$"down:{incident.Id}:telegram:-100123", $"down:{incident.Id}:telegram:-100456"],
            telegram.Select(alert => alert.IdempotencyKey));
        var discord = Assert.Single(await store.ClaimDueAlertsAsync("discord", Start, Lease, 10));
        Assert.Equal($"down:{incident.Id}:discord:880000000000000001", discord.IdempotencyKey);
        Assert.Equal(Start, discord.CreatedAt);
        Assert.Equal(0, discord.Attempts);
    }

    [Fact]
    public async Task CommitRound_WhenAServiceGoesDown_RecordsTheNewIncidentInItsState()
    {
        var store = await CreateStoreAsync();

        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));

        var incident = await store.OpenIncidentAsync("facebook");
        var state = (await store.LoadServiceStatesAsync())["facebook"];
        Assert.Equal(new ServiceState("facebook", ServiceHealth.Down, 2, 0, incident!.Id, Start), state);
    }

    [Fact]
    public async Task CommitRound_WhenTheSameAlertIsCommittedTwice_QueuesItOnce()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var incident = await store.OpenIncidentAsync("facebook");
        var back = Up("facebook", incident!.Id, Start, Start.AddMinutes(30), TelegramChat);

        await store.CommitRoundAsync(back);
        await store.CommitRoundAsync(back);

        var alerts = await store.ClaimDueAlertsAsync("telegram", Start.AddHours(1), Lease, 10);
        Assert.Equal([$"down:{incident.Id}:telegram:-100123", $"up:{incident.Id}:telegram:-100123"], alerts.Select(a => a.IdempotencyKey));
    }

    [Fact]
    public async Task CommitRound_WhenAServiceComesBackUp_ClosesItsIncidentWithTheCause()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var opened = await store.OpenIncidentAsync("facebook");
        var backAt = Start.AddMinutes(42);

        await store.CommitRoundAsync(Up("facebook", opened!.Id, Start, backAt, TelegramChat));

        Assert.Null(await store.OpenIncidentAsync("facebook"));
        var closed = Assert.Single(await store.IncidentsAsync("facebook", 10));
        Assert.Equal(opened with { ClosedAt = backAt, CloseCauseCode = Ok.Code, CloseSummary = Ok.Summary.English }, closed);
        Assert.False(closed.IsOpen);
        Assert.Null((await store.LoadServiceStatesAsync())["facebook"].OpenIncidentId);
    }

    [Fact]
    public async Task CommitRound_WhenAnUpTransitionNamesNoIncident_ClosesTheServicesOpenOne()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var opened = await store.OpenIncidentAsync("facebook");
        var up = new Transition(Service("facebook"), TransitionKind.Up, Start.AddMinutes(5), Ok, Start);

        await store.CommitRoundAsync(new RoundCommit([ServiceState.Initial("facebook")], [up], [Alert(TelegramChat, up)]));

        Assert.Null(await store.OpenIncidentAsync("facebook"));
        var alerts = await store.ClaimDueAlertsAsync("telegram", Start.AddHours(1), Lease, 10);
        Assert.Equal($"up:{opened!.Id}:telegram:-100123", alerts[^1].IdempotencyKey);
    }

    [Fact]
    public async Task CommitRound_WhenOneAlertCoversSeveralServices_KeysItByAllTheirIncidentsInOrder()
    {
        var store = await CreateStoreAsync();
        var whatsapp = new Transition(Service("whatsapp"), TransitionKind.Down, Start, DnsDown, Start);
        var facebook = new Transition(Service("facebook"), TransitionKind.Down, Start, DnsDown, Start);
        var states = new[] { whatsapp, facebook }.Select(t => new ServiceState(t.Service.Id, ServiceHealth.Down, 2, 0, null, Start)).ToList();

        await store.CommitRoundAsync(new RoundCommit(states, [whatsapp, facebook], [Alert(TelegramChat, whatsapp, facebook)]));

        var ids = new[] { (await store.OpenIncidentAsync("whatsapp"))!.Id, (await store.OpenIncidentAsync("facebook"))!.Id };
        var alert = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        Assert.Equal($"down:{ids.Min()},{ids.Max()}:telegram:-100123", alert.IdempotencyKey);
        Assert.Equal("Meta", alert.Message.GroupName);
    }

    [Fact]
    public async Task CommitRound_WhenAnAlertReportsAServiceWithoutATransition_WritesNothingAtAll()
    {
        var store = await CreateStoreAsync();
        var round = Down("facebook", Start, TelegramChat);
        var stray = Alert(DiscordChannel, new Transition(Service("discord", null), TransitionKind.Down, Start, DnsDown, Start));

        await Assert.ThrowsAsync<ArgumentException>(() => store.CommitRoundAsync(round with { Alerts = [.. round.Alerts, stray] }));

        Assert.Null(await store.OpenIncidentAsync("facebook"));
        Assert.Empty(await store.LoadServiceStatesAsync());
        Assert.Equal(0, await store.PendingAlertCountAsync());
    }

    [Fact]
    public async Task LoadServiceStates_ReturnsEachStateAsCommitted()
    {
        var store = await CreateStoreAsync();
        ServiceState[] states =
        [
            ServiceState.Initial("discord"),
            new("facebook", ServiceHealth.Down, 7, 1, 99, Start.AddMilliseconds(123)),
            new("x", ServiceHealth.Up, 1, 0, null, null),
        ];

        await store.CommitRoundAsync(new RoundCommit(states, [], []));
        await store.CommitRoundAsync(new RoundCommit([states[2] with { ConsecutiveFailures = 0, ConsecutiveSuccesses = 3 }], [], []));

        var loaded = await store.LoadServiceStatesAsync();
        Assert.Equal(3, loaded.Count);
        Assert.Equal(states[0], loaded["discord"]);
        Assert.Equal(states[1], loaded["facebook"]);
        Assert.Equal(new ServiceState("x", ServiceHealth.Up, 0, 3, null, null), loaded["x"]);
    }

    [Fact]
    public async Task Incidents_ListsTheLatestFirstUpToTheLimit()
    {
        var store = await CreateStoreAsync();
        for (var outage = 0; outage < 3; outage++)
        {
            var downAt = Start.AddHours(outage);
            await store.CommitRoundAsync(Down("facebook", downAt));
            var open = await store.OpenIncidentAsync("facebook");
            await store.CommitRoundAsync(Up("facebook", open!.Id, downAt, downAt.AddMinutes(10)));
        }

        await store.CommitRoundAsync(Down("instagram", Start));

        var incidents = await store.IncidentsAsync("facebook", 2);
        Assert.Equal([Start.AddHours(2), Start.AddHours(1)], incidents.Select(incident => incident.OpenedAt));
    }

    // The outbox

    [Fact]
    public async Task ClaimDueAlerts_ReturnsOnlyThePlatformsDueAlertsOldestFirst()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat, DiscordChannel));
        await store.CommitRoundAsync(Down("instagram", Start.AddMinutes(1), TelegramChat));
        await store.CommitRoundAsync(Down("whatsapp", Start.AddMinutes(10), TelegramChat));

        var alerts = await store.ClaimDueAlertsAsync("telegram", Start.AddMinutes(1), Lease, 10);

        Assert.Equal(["facebook", "instagram"], alerts.Select(alert => alert.Message.Items[0].ServiceId));
        Assert.All(alerts, alert => Assert.Equal("telegram", alert.Channel.Platform));
    }

    [Fact]
    public async Task ClaimDueAlerts_TakesAtMostTheAskedNumber()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat, OtherTelegramChat));
        await store.CommitRoundAsync(Down("instagram", Start, TelegramChat));

        var first = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 2);
        var rest = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 2);

        Assert.Equal(2, first.Count);
        Assert.Equal("instagram", Assert.Single(rest).Message.Items[0].ServiceId);
    }

    [Fact]
    public async Task ClaimDueAlerts_WhileTheLeaseRuns_DoesNotHandTheSameAlertOutAgain()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));

        Assert.Empty(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        Assert.Empty(await store.ClaimDueAlertsAsync("telegram", Start + Lease - TimeSpan.FromMilliseconds(1), Lease, 10));
    }

    [Fact]
    public async Task ClaimDueAlerts_AfterTheLeaseRunsOut_HandsTheAlertOutAgainWithANewToken()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var first = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));

        var second = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start + Lease, Lease, 10));

        Assert.Equal(first.Id, second.Id);
        Assert.NotEqual(first.ClaimToken, second.ClaimToken);
    }

    [Fact]
    public async Task ClaimDueAlerts_WhenTwoDispatchersClaimAtOnce_NeverHandsOneAlertToBoth()
    {
        var store = await CreateStoreAsync();
        var channels = Enumerable.Range(0, 20).Select(i => new ChannelRef("telegram", $"-{i}")).ToArray();
        await store.CommitRoundAsync(Down("facebook", Start, channels));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => store.ClaimDueAlertsAsync("telegram", Start, Lease, 3))));
        var again = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 100);

        var ids = claims.SelectMany(claim => claim).Concat(again).Select(alert => alert.Id).ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(20, ids.Distinct().Count());
    }

    [Fact]
    public async Task ClaimDueAlerts_ReturnsTheMessageAsQueued()
    {
        var store = await CreateStoreAsync();
        var downSince = Start.AddMilliseconds(250);
        var facebook = new Transition(Service("facebook"), TransitionKind.Up, Start.AddHours(6).AddSeconds(7), Ok, downSince, 1);
        var instagram = new Transition(Service("instagram"), TransitionKind.Up, Start.AddHours(6).AddSeconds(7), Ok, downSince, 2);
        var planned = Alert(TelegramChat, facebook, instagram);

        await store.CommitRoundAsync(new RoundCommit([], [facebook, instagram], [planned]));

        var message = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start.AddDays(1), Lease, 10)).Message;
        Assert.Equal(TransitionKind.Up, message.Kind);
        Assert.Equal("Meta", message.GroupName);
        Assert.Equal(planned.Message.Items, message.Items);
        Assert.Equal(new TimeSpan(0, 6, 0, 6, 750), message.Items[0].Duration);
    }

    [Fact]
    public async Task MarkDelivered_WithTheCurrentClaim_SettlesTheAlertForGood()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var alert = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));

        Assert.True(await store.MarkDeliveredAsync(alert, Start.AddSeconds(1)));

        Assert.False(await store.MarkDeliveredAsync(alert, Start.AddSeconds(2)));
        Assert.Equal(0, await store.PendingAlertCountAsync());
        Assert.Empty(await store.ClaimDueAlertsAsync("telegram", Start.AddDays(1), Lease, 10));
    }

    [Fact]
    public async Task RenewClaim_HoldsWhileNobodyElseClaimed_AndFailsOnceTakenOverOrSettled()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        await store.CommitRoundAsync(Down("discord", Start, TelegramChat));
        var first = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 2);

        // Past the lease but unclaimed by anyone else: still ours.
        Assert.True(await store.RenewClaimAsync(first[0], Start + Lease + Lease, Lease));

        // The other one's lease ran out and a second dispatcher took it.
        var takenOver = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start + Lease + Lease, Lease, 10));
        Assert.Equal(first[1].Id, takenOver.Id);
        Assert.False(await store.RenewClaimAsync(first[1], Start + Lease + Lease, Lease));

        await store.AbandonAsync(first[0], Start + Lease + Lease, "gone");
        Assert.False(await store.RenewClaimAsync(first[0], Start + Lease + Lease, Lease));
    }

    [Fact]
    public async Task Release_GivesTheAlertBackAtOnceWithoutCountingAnAttempt()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var claimed = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));

        await store.ReleaseAsync(claimed);
        var again = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));

        Assert.Equal((claimed.Id, 0), (again.Id, again.Attempts));
    }

    [Fact]
    public async Task PruneOutbox_DeletesOnlySettledAlertsOlderThanTheCutoff()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        await store.CommitRoundAsync(Down("discord", Start, TelegramChat));
        await store.CommitRoundAsync(Down("youtube", Start, TelegramChat));
        var claimed = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 2);
        await store.MarkDeliveredAsync(claimed[0], Start.AddMinutes(1));
        await store.AbandonAsync(claimed[1], Start.AddDays(20), "gone");

        var pruned = await store.PruneOutboxAsync(Start.AddDays(10));

        Assert.Equal(1, pruned);
        Assert.Equal(1, await store.PendingAlertCountAsync());
        Assert.Equal(1, await store.PruneOutboxAsync(Start.AddDays(30)));
        Assert.Equal(1, await store.PendingAlertCountAsync());
    }

    [Fact]
    public async Task MarkDelivered_WithAStaleClaimToken_ReturnsFalse()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var stale = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        var current = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start + Lease, Lease, 10));

        Assert.False(await store.MarkDeliveredAsync(stale, Start + Lease));
        Assert.Equal(1, await store.PendingAlertCountAsync());
        Assert.True(await store.MarkDeliveredAsync(current, Start + Lease));
    }

    [Fact]
    public async Task Reschedule_CountsTheAttemptAndHoldsTheAlertBackUntilTheNextAttempt()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var first = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        var retryAt = Start.AddSeconds(30);

        await store.RescheduleAsync(first, retryAt, "429 Too Many Requests: retry after 30");

        Assert.Empty(await store.ClaimDueAlertsAsync("telegram", retryAt.AddMilliseconds(-1), Lease, 10));
        var retried = Assert.Single(await store.ClaimDueAlertsAsync("telegram", retryAt, Lease, 10));
        Assert.Equal(1, retried.Attempts);
        Assert.Equal(first.Id, retried.Id);
    }

    [Fact]
    public async Task Reschedule_WithAStaleClaimToken_ChangesNothing()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat));
        var stale = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10));
        var current = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start + Lease, Lease, 10));

        await store.RescheduleAsync(stale, Start, "timeout");

        Assert.Empty(await store.ClaimDueAlertsAsync("telegram", Start + Lease, Lease, 10));
        Assert.True(await store.MarkDeliveredAsync(current, Start + Lease));
    }

    [Fact]
    public async Task Abandon_TakesTheAlertOutOfTheOutboxForGood()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat, OtherTelegramChat));
        var alerts = await store.ClaimDueAlertsAsync("telegram", Start, Lease, 10);

        await store.AbandonAsync(alerts[0], Start.AddSeconds(1), "Forbidden: bot was kicked from the group chat");

        Assert.Equal(1, await store.PendingAlertCountAsync());
        Assert.False(await store.MarkDeliveredAsync(alerts[0], Start.AddSeconds(2)));
        var left = Assert.Single(await store.ClaimDueAlertsAsync("telegram", Start.AddDays(1), Lease, 10));
        Assert.Equal(alerts[1].Id, left.Id);
    }

    [Fact]
    public async Task PendingAlertCount_CountsUndeliveredAlertsInAllOrOnePlatform()
    {
        var store = await CreateStoreAsync();
        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat, OtherTelegramChat, DiscordChannel));
        var delivered = (await store.ClaimDueAlertsAsync("telegram", Start, Lease, 1))[0];
        await store.MarkDeliveredAsync(delivered, Start);

        Assert.Equal(2, await store.PendingAlertCountAsync());
        Assert.Equal(1, await store.PendingAlertCountAsync("telegram"));
        Assert.Equal(1, await store.PendingAlertCountAsync("discord"));
        Assert.Equal(0, await store.PendingAlertCountAsync("console"));
    }

    // Leases: the monitor's leadership across instances

    [Fact]
    public async Task TryAcquireLease_WhileAnotherHoldsIt_LeavesItWithThatHolder()
    {
        var leases = (ILeaseStore)await CreateStoreAsync();

        var first = await leases.TryAcquireLeaseAsync("monitor", "a", Start, Lease);
        var second = await leases.TryAcquireLeaseAsync("monitor", "b", Start.AddSeconds(59), Lease);

        Assert.Equal(new LeaseHolder("a", Start + Lease), first);
        Assert.Equal(new LeaseHolder("a", Start + Lease), second);
    }

    [Fact]
    public async Task TryAcquireLease_ByItsHolder_RenewsIt_AndOnceExpiredAnotherTakesItOver()
    {
        var leases = (ILeaseStore)await CreateStoreAsync();
        await leases.TryAcquireLeaseAsync("monitor", "a", Start, Lease);

        var renewed = await leases.TryAcquireLeaseAsync("monitor", "a", Start.AddSeconds(50), Lease);
        var stillHeld = await leases.TryAcquireLeaseAsync("monitor", "b", Start + Lease, Lease);
        var takenOver = await leases.TryAcquireLeaseAsync("monitor", "b", Start.AddSeconds(50) + Lease, Lease);
        var formerHolder = await leases.TryAcquireLeaseAsync("monitor", "a", Start.AddSeconds(51) + Lease, Lease);

        Assert.Equal(new LeaseHolder("a", Start.AddSeconds(50) + Lease), renewed);
        Assert.Equal("a", stillHeld.Holder);
        Assert.Equal(new LeaseHolder("b", Start.AddSeconds(50) + Lease + Lease), takenOver);
        Assert.Equal("b", formerHolder.Holder);
    }

    [Fact]
    public async Task ReleaseLease_ByItsHolderOnly_FreesItAtOnce()
    {
        var leases = (ILeaseStore)await CreateStoreAsync();
        await leases.TryAcquireLeaseAsync("monitor", "a", Start, Lease);
        await leases.TryAcquireLeaseAsync("other", "a", Start, Lease);

        await leases.ReleaseLeaseAsync("monitor", "b");
        Assert.Equal("a", (await leases.TryAcquireLeaseAsync("monitor", "b", Start.AddSeconds(1), Lease)).Holder);

        await leases.ReleaseLeaseAsync("monitor", "a");
        Assert.Equal("b", (await leases.TryAcquireLeaseAsync("monitor", "b", Start.AddSeconds(2), Lease)).Holder);
        Assert.Equal("a", (await leases.TryAcquireLeaseAsync("other", "b", Start.AddSeconds(2), Lease)).Holder);
    }

    [Fact]
    public async Task TryAcquireLease_WhenSeveralRaceForAFreeLease_GivesItToExactlyOne()
    {
        var leases = (ILeaseStore)await CreateStoreAsync();

        var results = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => leases.TryAcquireLeaseAsync("monitor", $"instance-{i}", Start, Lease))));

        var winners = results.Select(result => result.Holder).Distinct().ToList();
        Assert.Single(winners);
    }

    [Fact]
    public async Task CommitRound_FencedByTheLeaseItsHolderStillHolds_IsWritten()
    {
        var store = await CreateStoreAsync();
        await ((ILeaseStore)store).TryAcquireLeaseAsync("monitor", "a", Start, Lease);

        await store.CommitRoundAsync(Down("facebook", Start, TelegramChat) with { Fence = new LeaseFence("monitor", "a", Start.AddSeconds(59)) });

        Assert.Equal(1, await store.PendingAlertCountAsync());
        Assert.NotNull(await store.OpenIncidentAsync("facebook"));
    }

    [Fact]
    public async Task CommitRound_FencedByALeaseThatExpiredOrPassedOn_WritesNothingAndSaysSo()
    {
        var store = await CreateStoreAsync();
        var leases = (ILeaseStore)store;
        await leases.TryAcquireLeaseAsync("monitor", "a", Start, Lease);

        // Expired, nobody else yet: the round ran past its lease.
        await Assert.ThrowsAsync<LeaseLostException>(() =>
            store.CommitRoundAsync(Down("facebook", Start, TelegramChat) with { Fence = new LeaseFence("monitor", "a", Start + Lease) }));

        // Taken over: the successor decides this round, the former holder must not.
        await leases.TryAcquireLeaseAsync("monitor", "b", Start + Lease, Lease);
        await Assert.ThrowsAsync<LeaseLostException>(() =>
            store.CommitRoundAsync(Down("facebook", Start, TelegramChat) with { Fence = new LeaseFence("monitor", "a", Start.AddSeconds(61)) }));

        Assert.Equal(0, await store.PendingAlertCountAsync());
        Assert.Null(await store.OpenIncidentAsync("facebook"));
        Assert.Empty(await store.LoadServiceStatesAsync());
    }

    // Vantage points

    [Fact]
    public async Task VantageResults_AfterRecording_ReturnsEachVantagesResultForThatServiceAsSaved()
    {
        var store = await CreateStoreAsync();
        var euWest = Vantage("eu-west", "facebook", Verdict.Down, Start);
        var usEast = Vantage("us-east", "facebook", Verdict.Up, Start.AddSeconds(10));
        await store.RecordVantageResultAsync(usEast);
        await store.RecordVantageResultAsync(euWest);
        await store.RecordVantageResultAsync(Vantage("eu-west", "instagram", Verdict.Up, Start));

        var results = await store.VantageResultsAsync("facebook", Start.AddMinutes(-2));

        Assert.Equal([euWest, usEast], results);
    }

    [Fact]
    public async Task RecordVantageResult_KeepsOneRowPerVantageAndService_TheNewest()
    {
        var store = await CreateStoreAsync();
        await store.RecordVantageResultAsync(Vantage("eu-west", "facebook", Verdict.Down, Start));
        var newer = Vantage("eu-west", "facebook", Verdict.Up, Start.AddMinutes(1));
        await store.RecordVantageResultAsync(newer);

        // A slow round finishing after a later one must not bring back what it saw.
        await store.RecordVantageResultAsync(Vantage("eu-west", "facebook", Verdict.Down, Start.AddSeconds(30)));

        Assert.Equal([newer], await store.VantageResultsAsync("facebook", Start.AddMinutes(-2)));
    }

    [Fact]
    public async Task VantageResults_LeaveOutResultsCheckedBeforeSince()
    {
        var store = await CreateStoreAsync();
        await store.RecordVantageResultAsync(Vantage("eu-west", "facebook", Verdict.Down, Start));
        var fresh = Vantage("us-east", "facebook", Verdict.Down, Start.AddMinutes(3));
        await store.RecordVantageResultAsync(fresh);

        Assert.Equal([fresh], await store.VantageResultsAsync("facebook", Start.AddMinutes(1)));
        Assert.Equal(2, (await store.VantageResultsAsync("facebook", Start)).Count);
        Assert.Empty(await store.VantageResultsAsync("whatsapp", Start));
    }

    private static VantageResult Vantage(string vantage, string serviceId, Verdict verdict, DateTimeOffset at) =>
        verdict == Verdict.Down
            ? new(vantage, serviceId, verdict, DnsDown.Code, DnsDown.Summary, at)
            : new(vantage, serviceId, verdict, Ok.Code, Ok.Summary, at);
}
