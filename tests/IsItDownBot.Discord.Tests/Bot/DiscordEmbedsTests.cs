using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;
using IsItDownBot.Discord.Bot;

namespace IsItDownBot.Discord.Tests.Bot;

/// <summary>Embeds are pure: asserted on the JSON Discord receives.</summary>
public sealed class DiscordEmbedsTests
{
    private static readonly DateTimeOffset At = new(2021, 10, 4, 17, 40, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", ["fb"], "meta", "facebook.com", [new Uri("https://www.facebook.com/")], []);

    [Fact]
    public void Report_WhenDown_IsARedEmbedWithCauseSinceAndEvidence()
    {
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.DnsServFail, new Phrase("DNS failure: resolvers can't look up www.facebook.com", "DNS failure: resolvers can't look up www.facebook.com"), new Phrase("No one can find it.", "No one can find it.")), At, TimeSpan.FromSeconds(2),
            [new ProbeResult("https://www.facebook.com/", ProbeKind.Dns, "8.8.8.8", ProbeOutcome.DnsServFail, TimeSpan.Zero, "SERVFAIL")])
        {
            Confidence = Confidence.High,
            Notes = [new Phrase("Instagram is down too.", "Instagram est aussi en panne.")],
        };
        var incident = new Incident(1, "facebook", At.AddHours(-2), CauseCodes.DnsServFail, "DNS failure");

        var embed = DiscordEmbeds.Report(report, incident, DiscordTexts.English);

        Assert.Equal("🔴 Facebook is down", (string?)embed["title"]);
        Assert.Equal(0xE74C3C, (int)embed["color"]!);
        Assert.Equal("DNS failure: resolvers can't look up www.facebook.com\n**Down since <t:1633362000:f> (2 h).**\n\nNo one can find it.\n• Instagram is down too.", (string?)embed["description"]);
        Assert.Equal("✗ dns www.facebook.com", (string?)embed["fields"]![0]!["name"]);
        Assert.Equal("`8.8.8.8: SERVFAIL`", (string?)embed["fields"]![0]!["value"]);
    }

    [Fact]
    public void Report_ShowsWhatTheServerWroteAsCode_SoALinkInItIsNotClickable()
    {
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.TlsCertificate, new Phrase("Bad certificate", "Mauvais certificat"), new Phrase("Refused.", "Refusé.")), At, TimeSpan.Zero,
            [new ProbeResult("https://www.facebook.com/", ProbeKind.Tls, "www.facebook.com at 157.240.1.35:443", ProbeOutcome.CertificateUntrusted, TimeSpan.Zero,
                "certificate not issued by a trusted authority (issuer: Free Nitro at https://dlscord.gift `now`)")]);

        var embed = DiscordEmbeds.Report(report, null, DiscordTexts.English);

        // A backtick would end the code early and cannot be escaped inside it: it becomes a look-alike.
        Assert.Equal("`www.facebook.com at 157.240.1.35:443: certificate not issued by a trusted authority (issuer: Free Nitro at https://dlscord.gift ˋnowˋ)`",
            (string?)embed["fields"]![0]!["value"]);
        Assert.DoesNotContain("dlscord", (string?)embed["description"], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_ForAFrenchClient_IsInFrenchAndWordedByConfidence()
    {
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.HttpServerError, new Phrase("Servers answer 503", "Les serveurs répondent 503"), new Phrase("Broken.", "Cassé.")), At, TimeSpan.Zero, [])
        {
            Confidence = Confidence.Medium,
        };

        var embed = DiscordEmbeds.Report(report, null, DiscordTexts.French);

        Assert.Equal("🔴 Facebook semble en panne", (string?)embed["title"]);
        Assert.Equal("Les serveurs répondent 503\n\nCassé.", (string?)embed["description"]);
    }

    [Fact]
    public void Report_EscapesMarkdownAndMentionsAndKeepsWithinDiscordsLimits()
    {
        var hostile = Facebook with { Name = "**@everyone** <@123> `x`" + new string('n', 400) };
        var probes = Enumerable.Range(0, 60).Select(i => new ProbeResult($"https://h{i}.example/", ProbeKind.Tcp, new string('t', 600), ProbeOutcome.Timeout, TimeSpan.Zero, new string('d', 900))).ToList();
        var report = new StatusReport(hostile, Verdict.Down, new Cause(CauseCodes.TcpTimeout, new Phrase(new string('s', 3000), new string('s', 3000)), new Phrase(new string('e', 3000), new string('e', 3000))), At, TimeSpan.Zero, probes);

        var embed = DiscordEmbeds.Report(report, null, DiscordTexts.English);
        var message = DiscordEmbeds.Message(null, embed);

        var title = (string)embed["title"]!;
        Assert.StartsWith("🔴 \\*\\*\\@everyone\\*\\* \\<\\@123\\> \\`x\\`", title, StringComparison.Ordinal);
        Assert.True(title.Length <= 256);
        Assert.True(((string)embed["description"]!).Length <= 4096);
        var fields = embed["fields"]!.AsArray();
        Assert.True(fields.Count <= 25);
        Assert.All(fields, field => Assert.True(((string)field!["value"]!).Length <= 1024));
        Assert.Empty(message["allowed_mentions"]!["parse"]!.AsArray());
        var total = title.Length + ((string)embed["description"]!).Length + ((string)embed["footer"]!["text"]!).Length
            + fields.Sum(field => ((string)field!["name"]!).Length + ((string)field["value"]!).Length);
        Assert.True(total <= 6000, $"{total} characters in the embed");
    }

    [Fact]
    public void Buttons_ForACatalogService_CheckAgainAndAlertThisChannel_ForADomainOnlyCheckAgain()
    {
        var catalog = DiscordEmbeds.Buttons(Facebook, DiscordTexts.English)[0]!["components"]!.AsArray().Select(button => (string?)button!["custom_id"]);
        var domain = DiscordEmbeds.Buttons(ServiceDefinition.ForDomain("example.org"), DiscordTexts.French)[0]!["components"]!.AsArray();

        Assert.Equal(["check:facebook", "alert:facebook"], catalog);
        Assert.Equal("Revérifier", (string?)Assert.Single(domain)!["label"]);
    }

    [Fact]
    public void Alert_ForAGroup_NamesEveryServiceInOneEmbed()
    {
        var message = new AlertMessage(TransitionKind.Down, "Meta",
            [new AlertItem("facebook", "Facebook", CauseCodes.DnsServFail, "DNS failure", At), new AlertItem("instagram", "Instagram", CauseCodes.DnsServFail, "DNS failure", At)]);

        var embed = DiscordEmbeds.Alert(message);

        Assert.Equal("🔴 Facebook, Instagram are down", (string?)embed["title"]);
        Assert.Equal("This looks like a Meta-wide problem.\n**Facebook**: DNS failure (since <t:1633369200:f>)\n**Instagram**: DNS failure (since <t:1633369200:f>)", (string?)embed["description"]);
    }

    [Fact]
    public void Nonce_IsShortAndStablePerAlert()
    {
        var once = DiscordAlertSink.Nonce("down:12,13:discord:801");

        Assert.Equal(25, once.Length);
        Assert.Equal(once, DiscordAlertSink.Nonce("down:12,13:discord:801"));
        Assert.NotEqual(once, DiscordAlertSink.Nonce("down:12,13:discord:802"));
    }
}
