using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Subscriptions;
using IsItDownBot.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Tests.Discord;

/// <summary>The Discord bot end to end: the real host, a fake Discord, loopback services that fail and recover.</summary>
public sealed class DiscordEndToEndTests
{
    // MANAGE_CHANNELS.
    private const string Moderator = "16";

    [Fact]
    public async Task SlashCommand_IsDeferredAtOnce_ThenTheReportIsEditedIn()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await rest.WaitForCallAsync(call => call.Method == "PUT" && call.Path.Contains("/guilds/700/commands", StringComparison.Ordinal));

        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky"));
        var deferred = await rest.WaitForCallAsync(call => call.Path.EndsWith("/callback", StringComparison.Ordinal));
        var edited = await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.EndsWith("/messages/@original", StringComparison.Ordinal));

        Assert.Equal(5, (int)deferred.Body!["type"]!);
        var embed = edited.Body!["embeds"]![0]!;
        Assert.Equal("🔴 Flaky looks down", (string?)embed["title"]);
        Assert.StartsWith("Flaky's servers answer 503", (string?)embed["description"], StringComparison.Ordinal);
        Assert.Equal(0xE74C3C, (int)embed["color"]!);
        Assert.Empty(edited.Body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.Equal("check:flaky", (string?)edited.Body["components"]![0]!["components"]![0]!["custom_id"]);
    }

    [Fact]
    public async Task SlashCommand_BeyondThePersonsLimit_IsRefusedPrivately_InTheirLanguage()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        world.Settings["IsItDown:Limits:PerUser:Count"] = "1";
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await rest.WaitForCallAsync(call => call.Method == "PUT" && call.Path.Contains("/guilds/700/commands", StringComparison.Ordinal));

        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky"));
        await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.EndsWith("/messages/@original", StringComparison.Ordinal));
        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky", locale: "fr"));
        var refused = await rest.WaitForCallAsync(call => call.Path.EndsWith("/callback", StringComparison.Ordinal) && (int)call.Body!["type"]! == 4);

        Assert.Equal(64, (int)refused.Body!["data"]!["flags"]!);
        Assert.StartsWith("Doucement : vous pourrez redemander dans", (string?)refused.Body["data"]!["content"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Autocomplete_OffersCatalogMatches()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("facebook", "Facebook", LoopbackHttpsServer.Respond(200));
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await world.StartServiceAsync("discord", "Discord", LoopbackHttpsServer.Respond(200));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await gateway.WaitForSessionAsync();

        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "fa", type: 4, focused: true));
        var answer = await rest.WaitForCallAsync(call => call.Path.EndsWith("/callback", StringComparison.Ordinal));

        Assert.Equal(8, (int)answer.Body!["type"]!);
        var choices = answer.Body["data"]!["choices"]!.AsArray().Select(choice => (string?)choice!["value"]).ToList();
        Assert.Equal(["facebook"], choices);
    }

    [Fact]
    public async Task Subscribe_ByAModeratorIsStored_ByAnyoneElseRefused()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await gateway.WaitForSessionAsync();

        var member = DiscordBot.Command("subscribe", "flaky", permissions: "0");
        var moderator = DiscordBot.Command("subscribe", "flaky", permissions: Moderator);
        await gateway.DispatchAsync("INTERACTION_CREATE", member);
        var refused = await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.Contains((string)member["token"]!, StringComparison.Ordinal));
        await gateway.DispatchAsync("INTERACTION_CREATE", moderator);
        var accepted = await rest.WaitForCallAsync(call => call.Method == "PATCH" && call.Path.Contains((string)moderator["token"]!, StringComparison.Ordinal));

        // Deferred privately first (the store's speed must not matter), then the answer edited in.
        Assert.Contains(rest.Calls, call => call.Path.EndsWith("/callback", StringComparison.Ordinal) && (int?)call.Body!["data"]?["flags"] == 64);
        Assert.Contains("Only members who can manage channels", (string?)refused.Body!["content"], StringComparison.Ordinal);
        Assert.StartsWith("Subscribed", (string?)accepted.Body!["content"], StringComparison.Ordinal);
        var stored = Assert.Single(await bot.Host.Services.GetRequiredService<IBotStore>().ListSubscriptionsAsync(new ChannelRef("discord", "800")));
        Assert.Equal("flaky", stored.ServiceId);
    }

    [Fact]
    public async Task Outage_PostsOneEmbedPerSubscribedChannelThenARecovery()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var healthy = true;
        await world.StartServiceAsync("flaky", "Flaky", context =>
        {
            context.Response.StatusCode = Volatile.Read(ref healthy) ? 200 : 503;
            return Task.CompletedTask;
        });
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        var subscriptions = bot.Host.Services.GetRequiredService<SubscriptionService>();
        await subscriptions.SubscribeAsync(new ChannelRef("discord", "801"), "flaky", "admin", permitted: true);
        await subscriptions.SubscribeAsync(new ChannelRef("discord", "802"), "flaky", "admin", permitted: true);

        Volatile.Write(ref healthy, false);
        await rest.WaitForCallAsync(call => call.Path == "/channels/801/messages" && Title(call).Contains("is down", StringComparison.Ordinal));
        await rest.WaitForCallAsync(call => call.Path == "/channels/802/messages" && Title(call).Contains("is down", StringComparison.Ordinal));
        Volatile.Write(ref healthy, true);
        var back = await rest.WaitForCallAsync(call => call.Path == "/channels/801/messages" && Title(call).Contains("back up", StringComparison.Ordinal));
        await rest.WaitForCallAsync(call => call.Path == "/channels/802/messages" && Title(call).Contains("back up", StringComparison.Ordinal));

        Assert.Equal(2, rest.Messages("801").Count);
        Assert.Equal(2, rest.Messages("802").Count);
        Assert.Contains("down for", (string?)back.Body!["embeds"]![0]!["description"], StringComparison.Ordinal);
        Assert.Empty(back.Body["allowed_mentions"]!["parse"]!.AsArray());
    }

    [Fact]
    public async Task DroppedConnection_Resumes_AndAnInteractionAfterItIsAnswered()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);

        // Short heartbeats: a connection dropped without a close frame is noticed by its missing ACKs.
        gateway.HeartbeatInterval = TimeSpan.FromMilliseconds(500);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);

        // The commands are registered once the bot has read READY: from then on it holds a session to resume.
        await rest.WaitForCallAsync(call => call.Method == "PUT");
        await gateway.DropAsync();
        await gateway.WaitForFrameAsync(frame => (int?)frame["op"] == 6);
        await gateway.WaitForSessionAsync();
        await gateway.DispatchAsync("INTERACTION_CREATE", DiscordBot.Command("isitdown", "flaky"));
        var edited = await rest.WaitForCallAsync(call => call.Method == "PATCH");

        Assert.Equal("✅ Flaky is up", (string?)edited.Body!["embeds"]![0]!["title"]);
        Assert.Equal(1, gateway.Identifies);
        Assert.True(gateway.Resumes >= 1);
    }

    [Fact]
    public async Task DirectMessageQuestion_GetsTheReportAsAReply_ServerChatterWithoutAMentionDoesNot()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await rest.WaitForCallAsync(call => call.Method == "PUT");

        await gateway.DispatchAsync("MESSAGE_CREATE", Message("501", "600", guild: "700", "is flaky down for you too?"));
        await gateway.DispatchAsync("MESSAGE_CREATE", Message("502", "601", guild: null, "is flaky down?"));
        var reply = await rest.WaitForCallAsync(call => call.Path == "/channels/601/messages");

        Assert.Equal("🔴 Flaky looks down", (string?)reply.Body!["embeds"]![0]!["title"]);
        Assert.Equal("502", (string?)reply.Body["message_reference"]!["message_id"]);
        Assert.Empty(reply.Body["allowed_mentions"]!["parse"]!.AsArray());
        Assert.DoesNotContain(rest.Calls, call => call.Path == "/channels/600/messages");

        // A message has no locale: asked in French, answered in French.
        await gateway.DispatchAsync("MESSAGE_CREATE", Message("503", "602", guild: null, "flaky est en panne ?"));
        var french = await rest.WaitForCallAsync(call => call.Path == "/channels/602/messages");
        Assert.Equal("🔴 Flaky semble en panne", (string?)french.Body!["embeds"]![0]!["title"]);
    }

    private static System.Text.Json.Nodes.JsonObject Message(string id, string channel, string? guild, string content)
    {
        var message = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = id,
            ["channel_id"] = channel,
            ["content"] = content,
            ["author"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "42", ["username"] = "alice" },
            ["mentions"] = new System.Text.Json.Nodes.JsonArray(),
        };

        // A DM has no guild.
        if (guild is not null)
        {
            message["guild_id"] = guild;
        }

        return message;
    }

    [Fact]
    public async Task ReplayedInteraction_IsAnsweredOnce()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await gateway.WaitForSessionAsync();
        var help = DiscordBot.Command("help", null);
        var other = DiscordBot.Command("subscriptions", null);

        await gateway.DispatchAsync("INTERACTION_CREATE", help);
        await gateway.DispatchAsync("INTERACTION_CREATE", help.DeepClone());
        await gateway.DispatchAsync("INTERACTION_CREATE", other);
        await rest.WaitForCallAsync(call => call.Path.Contains((string)help["id"]!, StringComparison.Ordinal));
        await rest.WaitForCallAsync(call => call.Path.Contains((string)other["id"]!, StringComparison.Ordinal));

        Assert.Single(rest.Calls, call => call.Path.Contains((string)help["id"]!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Close4004_StopsTheDiscordAdapter_NotTheBot()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync("another.token.entirely", rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);

        // The fake refuses the token with 4004: the adapter's loop ends instead of reconnecting.
        var adapter = bot.Host.Services.GetServices<IHostedService>().OfType<IsItDownBot.Discord.Bot.DiscordBotService>().Single();
        await adapter.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, gateway.Connections);
        Assert.Equal(1, gateway.Identifies);
        Assert.Contains(bot.Host.Services.GetServices<IHostedService>(), service => service is IsItDownBot.Core.Monitoring.MonitorService { ExecuteTask.IsCompleted: false });
    }

    [Fact]
    public async Task RefusedToken_StopsTheDiscordAdapterInsteadOfRetryingForEver()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway, settings => settings["IsItDown:Discord:BotToken"] = "wrong.token.value");

        var adapter = bot.Host.Services.GetServices<IHostedService>().OfType<IsItDownBot.Discord.Bot.DiscordBotService>().Single();
        await adapter.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, gateway.Connections);
        Assert.Single(rest.Calls, call => call.Path.Contains("gateway", StringComparison.Ordinal));
    }

    [Fact]
    public async Task RateLimit_RetryAfterIsHonouredAndNothingIsLost()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("broken", "Broken", LoopbackHttpsServer.Respond(500));
        await using var rest = await FakeDiscordRest.StartAsync();
        rest.RateLimitNext("/channels/901/messages", retryAfterSeconds: 0.5);
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await bot.Host.Services.GetRequiredService<SubscriptionService>().SubscribeAsync(new ChannelRef("discord", "901"), "broken", "admin", permitted: true);

        var posted = await rest.WaitForCallAsync(call => call.Path == "/channels/901/messages" && call.Status == 200);
        var limited = rest.Calls.First(call => call.Path == "/channels/901/messages" && call.Status == 429);

        Assert.True(posted.At - limited.At >= TimeSpan.FromSeconds(0.45), $"retried after {posted.At - limited.At}");
        Assert.Single(rest.Messages("901"));
    }

    private static string Title(FakeDiscordCall call) => (string?)call.Body?["embeds"]?[0]?["title"] ?? "";
}
