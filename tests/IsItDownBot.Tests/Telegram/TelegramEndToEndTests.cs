using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace IsItDownBot.Tests.Telegram;

/// <summary>The Telegram bot end to end: the real host, a fake Bot API, loopback services that fail and recover.</summary>
public sealed class TelegramEndToEndTests
{
    private const long Alice = 1001;
    private const long Bob = 1002;
    private const long Group = -100500;

    [Fact]
    public async Task PrivateQuestion_GetsTheVerdictOfTheLoopbackOutage()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        telegram.EnqueueMessage(Alice, "is flaky down?");
        var answer = await telegram.WaitForSentAsync(call => call.ChatId == Alice);

        Assert.StartsWith("🔴 <b>Flaky</b> looks down\nFlaky's servers answer 503", answer.Text, StringComparison.Ordinal);
        Assert.Equal("check:flaky", (string?)answer.Body["reply_markup"]!["inline_keyboard"]![0]![0]!["callback_data"]);
        Assert.Contains(telegram.Calls, call => call.Is("sendChatAction") && call.ChatId == Alice);
        Assert.Equal(2, telegram.Calls.Count(call => call.Is("setMyCommands")));
    }

    [Fact]
    public async Task SomeoneAskingTooOften_IsToldToSlowDownOnce_ThenIgnored_WhileOthersAreAnswered()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        world.Settings["IsItDown:Limits:PerUser:Count"] = "2";
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        // One at a time, so that the limiter, not the concurrency, decides which questions are answered.
        for (var i = 1; i <= 2; i++)
        {
            telegram.EnqueueMessage(Alice, "is flaky down?");
            await telegram.WaitForSentAsync(call => call.ChatId == Alice && telegram.Sent(Alice).Count == i);
        }

        telegram.EnqueueMessage(Alice, "is flaky down?");
        await telegram.WaitForSentAsync(call => call.ChatId == Alice && call.Text?.StartsWith("Slow down", StringComparison.Ordinal) == true);
        telegram.EnqueueMessage(Alice, "is flaky down?");
        telegram.EnqueueMessage(Bob, "is flaky down?", fromUserId: Bob, fromUsername: "bob");
        await telegram.WaitForSentAsync(call => call.ChatId == Bob);

        var toAlice = telegram.Sent(Alice).Select(call => call.Text ?? "").ToList();
        Assert.Equal(2, toAlice.Count(text => text.StartsWith("✅ <b>Flaky</b>", StringComparison.Ordinal)));
        Assert.Equal(["Slow down a little: you can ask again in 60 s."], toAlice.Where(text => text.StartsWith("Slow", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AGroupAskingAllAtOnce_IsAnsweredEveryOne()
    {
        await using var world = await LoopbackWorld.StartAsync();
        // The service answers only once everyone has asked, so that every question is under way at the same time.
        var everyoneAsked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await world.StartServiceAsync("flaky", "Flaky", async context =>
        {
            await everyoneAsked.Task.WaitAsync(context.RequestAborted);
            context.Response.StatusCode = 503;
        });
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        const int Askers = 8;

        for (var i = 0; i < Askers; i++)
        {
            telegram.EnqueueMessage(Group, "/isitdown@IsItDownTestBot flaky", "supergroup", fromUserId: 2000 + i, fromUsername: $"member{i}");
        }

        await telegram.WaitForCallAsync(_ => telegram.Calls.Count(call => call.Is("sendChatAction") && call.ChatId == Group) == Askers);
        everyoneAsked.SetResult();
        await telegram.WaitForSentAsync(_ => telegram.Sent(Group).Count == Askers);

        Assert.All(telegram.Sent(Group), answer => Assert.StartsWith("🔴 <b>Flaky</b>", answer.Text, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AskingAboutManyUnknownDomains_IsLimitedHarderThanCatalogServices()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Limits:DomainChecksPerUser:Count"] = "1";
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        telegram.EnqueueMessage(Alice, "is first-domain.example down?");
        telegram.EnqueueMessage(Alice, "is second-domain.example down?");

        var refused = await telegram.WaitForSentAsync(call => call.ChatId == Alice && call.Text?.StartsWith("Checks of domains", StringComparison.Ordinal) == true);
        Assert.Contains("Try again in", refused.Text ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public async Task FrenchSpeaker_GetsAFrenchAnswer()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        telegram.EnqueueMessage(Alice, "est-ce que flaky est en panne ?", languageCode: "fr");
        var answer = await telegram.WaitForSentAsync(call => call.ChatId == Alice);

        Assert.StartsWith("✅ <b>Flaky</b> fonctionne", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GroupSubscription_ByAnAdminIsStored_ByAMemberRefused()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        telegram.SetChatMemberStatus(Group, Alice, "administrator");
        telegram.SetChatMemberStatus(Group, Bob, "member");

        telegram.EnqueueMessage(Group, "/subscribe@IsItDownTestBot flaky", "supergroup", Bob);
        var refused = await telegram.WaitForSentAsync(call => call.ChatId == Group);
        telegram.EnqueueMessage(Group, "/subscribe flaky", "supergroup", Alice);
        var accepted = await telegram.WaitForSentAsync(call => call.ChatId == Group && call != refused);

        Assert.Contains("Only the group's administrators", refused.Text, StringComparison.Ordinal);
        Assert.StartsWith("Subscribed", accepted.Text, StringComparison.Ordinal);
        var stored = Assert.Single(await bot.Host.Services.GetRequiredService<IBotStore>().ListSubscriptionsAsync(Channel(Group)));
        Assert.Equal("flaky", stored.ServiceId);
    }

    [Fact]
    public async Task GroupChatter_AndOtherBotsCommands_AreIgnored()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        telegram.EnqueueMessage(Group, "is flaky down for you too?", "supergroup", Alice);
        telegram.EnqueueMessage(Group, "/status@SomeOtherBot", "supergroup", Alice);
        telegram.EnqueueMessage(Group, "/ban @spammer", "supergroup", Alice);
        telegram.EnqueueMessage(Group, "@IsItDownTestBotFan what do you think?", "supergroup", Alice);
        telegram.EnqueueRaw("""{ "update_id": 0, "edited_message": { "message_id": 5, "date": 0, "chat": { "id": -100500, "type": "supergroup" }, "text": "/status" } }""");
        telegram.EnqueueMessage(Group, "@IsItDownTestBot is flaky down?", "supergroup", Alice);

        // The mention is answered; nothing before it was.
        var answer = await telegram.WaitForSentAsync(call => call.ChatId == Group);
        Assert.StartsWith("✅ <b>Flaky</b> is up", answer.Text, StringComparison.Ordinal);
        Assert.Single(telegram.Sent(Group));
    }

    [Fact]
    public async Task Outage_SendsOneAlertPerSubscribedChatThenARecovery()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var healthy = true;
        await world.StartServiceAsync("flaky", "Flaky", context =>
        {
            context.Response.StatusCode = Volatile.Read(ref healthy) ? 200 : 503;
            return Task.CompletedTask;
        });
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        await SubscribeAsync(bot, "flaky", Channel(Alice), Channel(Group));

        Volatile.Write(ref healthy, false);
        await telegram.WaitForSentAsync(call => call.ChatId == Alice && call.Text!.Contains("is down", StringComparison.Ordinal));
        await telegram.WaitForSentAsync(call => call.ChatId == Group && call.Text!.Contains("is down", StringComparison.Ordinal));
        Volatile.Write(ref healthy, true);
        var back = await telegram.WaitForSentAsync(call => call.ChatId == Group && call.Text!.Contains("back up", StringComparison.Ordinal));
        await telegram.WaitForSentAsync(call => call.ChatId == Alice && call.Text!.Contains("back up", StringComparison.Ordinal));

        Assert.Contains("It was down for", back.Text, StringComparison.Ordinal);
        Assert.Equal(2, telegram.Sent(Alice).Count);
        Assert.Equal(2, telegram.Sent(Group).Count);
    }

    [Fact]
    public async Task BlockedChat_LosesItsSubscriptions_OthersStillGetAlerts()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        telegram.BlockChat(Bob);
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        var store = bot.Host.Services.GetRequiredService<IBotStore>();
        await SubscribeAsync(bot, "broken", Channel(Alice), Channel(Bob));

        await telegram.WaitForSentAsync(call => call.ChatId == Alice && call.Text!.Contains("is down", StringComparison.Ordinal));
        await Eventually(async () => (await store.ListSubscriptionsAsync(Channel(Bob))).Count == 0);

        Assert.Single(await store.ListSubscriptionsAsync(Channel(Alice)));
        Assert.Empty(telegram.Sent(Bob));
    }

    [Fact]
    public async Task RateLimitStorm_DelaysAlertsButLosesNone()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        telegram.RateLimit(messagesAllowed: 2, per: TimeSpan.FromSeconds(1), retryAfterSeconds: 1);
        await using var bot = await TelegramBot.StartAsync(world, telegram, settings =>
        {
            settings["IsItDown:Alerts:RetryAttempts"] = "5";
            settings["IsItDown:Alerts:Lease"] = "00:10:00";
        });
        var chats = Enumerable.Range(1, 6).Select(i => (long)(2000 + i)).ToList();
        await SubscribeAsync(bot, "broken", [.. chats.Select(Channel)]);

        foreach (var chat in chats)
        {
            await telegram.WaitForSentAsync(call => call.ChatId == chat);
        }

        Assert.All(chats, chat => Assert.Single(telegram.Sent(chat)));
        Assert.True(telegram.TooManyRequests > 0, "the storm should have said 429 at least once");
    }

    [Fact]
    public async Task Buttons_CheckAgainEditsTheAnswer_AlertMeSubscribesThePrivateChat()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        telegram.EnqueueMessage(Alice, "/isitdown flaky");
        var answer = await telegram.WaitForSentAsync(call => call.ChatId == Alice);
        var messageId = (int)answer.Body["reply_parameters"]!["message_id"]! + 1;

        telegram.EnqueueCallbackQuery(Alice, Alice, "check:flaky", messageId);
        var edit = await telegram.WaitForCallAsync(call => call.Is("editMessageText"));
        telegram.EnqueueCallbackQuery(Alice, Alice, "alert:flaky", messageId);
        var subscribed = await telegram.WaitForCallAsync(call => call.Is("answerCallbackQuery") && call.Body["text"]?.ToString().StartsWith("Subscribed", StringComparison.Ordinal) == true);

        Assert.StartsWith("✅ <b>Flaky</b> is up", (string?)edit.Body["text"], StringComparison.Ordinal);
        Assert.True((bool)subscribed.Body["show_alert"]!);
        Assert.Equal("flaky", Assert.Single(await bot.Host.Services.GetRequiredService<IBotStore>().ListSubscriptionsAsync(Channel(Alice))).ServiceId);
    }

    [Fact]
    public async Task GroupThatBecameASupergroup_KeepsItsAlertsUnderTheNewId()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        const long oldGroup = -4242;
        const long supergroup = -1004242;
        telegram.MigrateChat(oldGroup, supergroup);
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        await SubscribeAsync(bot, "broken", Channel(oldGroup));

        var alert = await telegram.WaitForSentAsync(call => call.ChatId == supergroup);

        Assert.Contains("Broken is down", alert.Text, StringComparison.Ordinal);
        var store = bot.Host.Services.GetRequiredService<IBotStore>();
        Assert.Empty(await store.ListSubscriptionsAsync(Channel(oldGroup)));
        Assert.Single(await store.ListSubscriptionsAsync(Channel(supergroup)));
    }

    [Fact]
    public async Task Poller_SurvivesABotApiThatFailsForAWhile()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);
        await telegram.WaitForCallAsync(call => call.Is("getUpdates"));

        // Three polls in a row get garbage (a proxy's HTML error page); the poller backs off and goes on.
        var pollsBefore = telegram.Calls.Count(call => call.Is("getUpdates"));
        telegram.FailNext(3, 502, rawBody: "<html>Bad Gateway</html>");
        await telegram.WaitForCallAsync(_ => telegram.Calls.Count(call => call.Is("getUpdates")) >= pollsBefore + 4);
        telegram.EnqueueMessage(Alice, "/isitdown flaky");
        var answer = await telegram.WaitForSentAsync(call => call.ChatId == Alice);

        Assert.StartsWith("✅ <b>Flaky</b> is up", answer.Text, StringComparison.Ordinal);
    }

    private static ChannelRef Channel(long chatId) => new("telegram", chatId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task SubscribeAsync(RunningBot bot, string service, params ChannelRef[] channels)
    {
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionService>();
        foreach (var channel in channels)
        {
            await subscriptions.SubscribeAsync(channel, service, "admin", permitted: true);
        }
    }

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
