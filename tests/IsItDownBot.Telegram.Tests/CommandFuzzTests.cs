using IsItDownBot.Testing;

namespace IsItDownBot.Telegram.Tests;

/// <summary>The Telegram adapter's own small parsers, over the hostile corpus: they never throw and never invent.</summary>
public sealed class CommandFuzzTests
{
    [Fact]
    public void CallbackData_OfHostileButtonData_IsEitherOursOrNothing()
    {
        var corpus = new HostileCorpus(seed: 64);
        // Half the data forged to look like ours: a known action with anything after it.
        var forged = corpus.Texts(3_000).Select((text, i) => (i % 3) switch { 0 => "check:" + text, 1 => "alert:" + text, _ => text });
        foreach (var data in forged.Append(null))
        {
            var (action, serviceId) = CallbackData.Parse(data);

            Assert.True(action is null or "check" or "alert", $"seed {corpus.Seed}: action '{action}'");
            Assert.True(action is null || (serviceId is { Length: > 0 } && data!.EndsWith(serviceId, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void CommandOwnership_OfHostileText_NeverThrows()
    {
        var identity = new TelegramBotIdentity { Username = "IsItDownTestBot" };
        var corpus = new HostileCorpus(seed: 65);
        foreach (var text in corpus.Texts(3_000))
        {
            var command = "/" + text;
            var owns = identity.OwnsCommand(command);
            var named = identity.IsNamedIn(command);

            // Naming the bot explicitly implies the command is the bot's.
            Assert.True(!named || owns, $"seed {corpus.Seed}");
        }
    }
}
