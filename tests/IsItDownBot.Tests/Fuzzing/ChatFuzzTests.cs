using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using IsItDownBot.Tests.Discord;
using IsItDownBot.Tests.Telegram;
using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Fuzzing;

/// <summary>
/// Generated hostile messages through the running bot on both platforms: every reply is valid markup within the
/// platform's limits and pings nobody, and the bot still answers an ordinary question afterwards.
/// </summary>
public sealed partial class ChatFuzzTests
{
    private const int Messages = 120;

    [Fact]
    public async Task Telegram_HostileMessages_GetOnlyValidHtmlThatMentionsNobody()
    {
        var corpus = new HostileCorpus(seed: 1633362000);
        await using var world = await WorldWithoutLimitsAsync();
        await using var telegram = await FakeTelegramBotApi.StartAsync();
        await using var bot = await TelegramBot.StartAsync(world, telegram);

        // One chat per message: a chat's third message in flight is dropped by design, which would hide answers.
        var chat = 5000L;
        foreach (var text in corpus.Texts(Messages))
        {
            telegram.EnqueueMessage(++chat, text, fromUserId: chat, fromUsername: "fuzzer");
        }

        telegram.EnqueueMessage(1, "is flaky down?", fromUserId: 1);
        await telegram.WaitForSentAsync(call => call.ChatId == 1);
        await Polling.UntilAsync(() => telegram.Sent().Count > Messages / 2, "most hostile messages answered");

        foreach (var sent in telegram.Sent())
        {
            var html = sent.Text ?? "";
            Assert.True(html.Length <= 4096, $"seed {corpus.Seed}: {html.Length} characters");
            Assert.Null(FakeTelegramHtml.Problem(html));
            Assert.DoesNotMatch(Mention(), FakeTelegramHtml.ToPlainText(html));
        }
    }

    [Fact]
    public async Task Discord_HostileDirectMessages_GetOnlyRepliesThatPingNobodyWithinLimits()
    {
        var corpus = new HostileCorpus(seed: 1633384800);
        await using var world = await WorldWithoutLimitsAsync();
        await using var rest = await FakeDiscordRest.StartAsync();
        await using var gateway = await FakeDiscordGateway.StartAsync(rest.Token, rest.ApplicationId);
        await using var bot = await DiscordBot.StartAsync(world, rest, gateway);
        await rest.WaitForCallAsync(call => call.Method == "PUT");

        var id = 10_000;
        foreach (var text in corpus.Texts(Messages))
        {
            id++;
            await gateway.DispatchAsync("MESSAGE_CREATE", DirectMessage(id.ToString(System.Globalization.CultureInfo.InvariantCulture), text));
        }

        await gateway.DispatchAsync("MESSAGE_CREATE", DirectMessage("1", "is flaky down?"));
        await rest.WaitForCallAsync(call => call.Path == "/channels/dm-1/messages");
        await Polling.UntilAsync(() => Replies(rest).Count > Messages / 2, "most hostile messages answered");

        foreach (var reply in Replies(rest))
        {
            var body = reply.Body!.AsObject();
            Assert.Empty(body["allowed_mentions"]!["parse"]!.AsArray());
            Assert.True(((string?)body["content"] ?? "").Length <= 2000, $"seed {corpus.Seed}");
            Assert.True(EmbedLength(body) <= 6000, $"seed {corpus.Seed}");
            Assert.DoesNotContain("@everyone", (string?)body["content"] ?? "", StringComparison.Ordinal);
        }
    }

    private static async Task<LoopbackWorld> WorldWithoutLimitsAsync()
    {
        var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(200));

        // The fuzz is about input, not abuse: no message may be refused for coming too fast.
        foreach (var limit in new[] { "PerUser", "PerChannel", "DomainChecksPerUser", "DomainChecks" })
        {
            world.Settings[$"IsItDown:Limits:{limit}:Count"] = "100000";
        }

        return world;
    }

    private static JsonObject DirectMessage(string id, string content) => new()
    {
        ["id"] = id,
        ["channel_id"] = "dm-" + id,
        ["content"] = content,
        ["author"] = new JsonObject { ["id"] = "4242", ["username"] = "fuzzer" },
        ["mentions"] = new JsonArray(),
    };

    private static List<FakeDiscordCall> Replies(FakeDiscordRest rest) =>
        [.. rest.Calls.Where(call => call.Method == "POST" && call.Path.StartsWith("/channels/dm-", StringComparison.Ordinal))];

    private static int EmbedLength(JsonObject body) =>
        body["embeds"] is JsonArray embeds
            ? embeds.OfType<JsonObject>().Sum(embed => ((string?)embed["title"] ?? "").Length + ((string?)embed["description"] ?? "").Length)
            : 0;

    // A Telegram username mention: "@" then 5 to 32 letters, digits or underscores.
    [GeneratedRegex("@[A-Za-z0-9_]{5,32}")]
    private static partial Regex Mention();
}
