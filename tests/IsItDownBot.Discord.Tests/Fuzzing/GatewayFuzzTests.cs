using System.Text.Json;
using IsItDownBot.Discord.Bot;
using IsItDownBot.Discord.Gateway;
using IsItDownBot.Discord.Tests.Gateway;
using IsItDownBot.Testing;

namespace IsItDownBot.Discord.Tests.Fuzzing;

/// <summary>Generated garbage at the gateway and in interaction payloads: nothing escapes, and the session goes on.</summary>
public sealed class GatewayFuzzTests
{
    [Fact]
    public async Task Run_AfterHundredsOfHostileFrames_StillHandlesARealDispatch()
    {
        var corpus = new HostileCorpus(seed: 4102021);
        await using var harness = await GatewayHarness.StartAsync();
        await harness.Fake.WaitForSessionAsync();

        foreach (var frame in corpus.Json(300))
        {
            await harness.Fake.SendRawAsync(frame);
        }

        // Some frames may legitimately end the session (a well-formed reconnect); the client must come back.
        await harness.Fake.WaitForSessionAsync();
        await harness.Fake.DispatchAsync("INTERACTION_CREATE", GatewayHarness.Interaction("777"));

        // Fuzzed INTERACTION_CREATE frames reach the handler too (it reads them defensively); find the real one.
        GatewayDispatch real;
        do
        {
            real = await harness.NextAsync("INTERACTION_CREATE");
        }
        while (!(real.Data.ValueKind == JsonValueKind.Object && real.Data.TryGetProperty("id", out var id)
            && id.GetRawText() == "\"777\""));

        Assert.False(harness.Run.IsCompleted, $"the gateway client stopped (seed {corpus.Seed}): {harness.Run.Exception}");
    }

    [Fact]
    public void InteractionRead_OfHostilePayloads_NeverThrows()
    {
        var corpus = new HostileCorpus(seed: 20211004);
        var read = 0;
        foreach (var payload in corpus.Json(3000))
        {
            // Frames arrive as UTF-8: a lone surrogate in the generated text becomes U+FFFD on the way, as on a socket.
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(System.Text.Encoding.UTF8.GetBytes(payload));
            }
            catch (JsonException)
            {
                continue; // Not JSON at all: the gateway client drops it before anything reads it.
            }

            using (document)
            {
                var data = document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("d", out var d) ? d : document.RootElement;
                _ = Interaction.Read(data);
                read++;
            }
        }

        Assert.True(read > 1000, $"only {read} payloads were JSON");
    }

    [Fact]
    public void ComponentIds_OfHostileButtonData_AreEitherOursOrNothing()
    {
        var corpus = new HostileCorpus(seed: 100);
        var forged = corpus.Texts(3_000).Select((text, i) => (i % 3) switch { 0 => "check:" + text, 1 => "alert:" + text, _ => text });
        foreach (var customId in forged.Append(null))
        {
            var (action, serviceId) = Components.Parse(customId);

            Assert.True(action is null or "check" or "alert", $"seed {corpus.Seed}: action '{action}'");
            Assert.True(action is null || serviceId is { Length: > 0 });
        }
    }
}
