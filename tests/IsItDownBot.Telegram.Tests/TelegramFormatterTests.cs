using IsItDownBot.Testing;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;

namespace IsItDownBot.Telegram.Tests;

/// <summary>Formatting is pure: asserted against the exact HTML a chat receives.</summary>
public sealed class TelegramFormatterTests
{
    private static readonly DateTimeOffset At = new(2021, 10, 4, 17, 40, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", ["fb"], "meta", "facebook.com", [new Uri("https://www.facebook.com/")], []);

    [Fact]
    public void Report_WhenDownWithAnOpenIncident_PutsVerdictCauseSinceAndEvidence()
    {
        var report = new StatusReport(Facebook, Verdict.Down,
            new Cause(CauseCodes.DnsAuthoritativeUnreachable, new Phrase("DNS failure: facebook.com's name servers are unreachable", "DNS failure: facebook.com's name servers are unreachable"), new Phrase("No one can find Facebook's servers.", "No one can find Facebook's servers.")),
            At, TimeSpan.FromSeconds(2),
            [
                new ProbeResult("https://www.facebook.com/", ProbeKind.Dns, "8.8.8.8", ProbeOutcome.DnsServFail, TimeSpan.FromMilliseconds(12), "SERVFAIL"),
                new ProbeResult("facebook.com", ProbeKind.Authoritative, "a.ns.facebook.com (129.134.30.12)", ProbeOutcome.Timeout, TimeSpan.FromSeconds(2), "no answer within 2 s"),
            ])
        {
            Confidence = Confidence.High,
            Notes = [new Phrase("Instagram is down too.", "Instagram est aussi en panne.")],
        };
        var incident = new Incident(7, "facebook", At.AddHours(-2), CauseCodes.DnsAuthoritativeUnreachable, "DNS failure");

        var html = TelegramFormatter.Report(report, incident, TelegramTexts.English);

        Assert.Equal(
            """
            🔴 <b>Facebook</b> is down
            DNS failure: facebook.com's name servers are unreachable
            <b>Down since 2021-10-04 15:40 UTC (2 h).</b>
            <i>No one can find Facebook's servers.</i>
            • Instagram is down too.

            <b>What I saw</b>
            <pre>✗ dns www.facebook.com 8.8.8.8: SERVFAIL
            ✗ authoritative facebook.com a.ns.facebook.com (129.134.30.12): no answer within 2 s</pre>
            """.ReplaceLineEndings("\n"),
            html);
    }

    [Fact]
    public void Report_ShowsWhatTheServerWroteOnlyAsCode_SoALinkInItIsNotClickable()
    {
        var report = new StatusReport(Facebook, Verdict.Down,
            new Cause(CauseCodes.TlsCertificate, new Phrase("Bad certificate", "Mauvais certificat"), new Phrase("Refused.", "Refusé.")), At, TimeSpan.Zero,
            [new ProbeResult("https://www.facebook.com/", ProbeKind.Http, "157.240.1.35:443", ProbeOutcome.HttpServerError, TimeSpan.Zero,
                "503 Free Nitro at https://dlscord.gift <b>!</b>")]);

        var html = TelegramFormatter.Report(report, null, TelegramTexts.English);

        var evidence = html[html.IndexOf("<pre>", StringComparison.Ordinal)..];
        Assert.Equal("<pre>✗ http www.facebook.com 157.240.1.35:443: 503 Free Nitro at https://dlscord.gift &lt;b&gt;!&lt;/b&gt;</pre>", evidence);
        Assert.DoesNotContain("dlscord", html[..html.IndexOf("<pre>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void Report_InFrench_UsesFrenchWordsAroundTheCause()
    {
        var report = new StatusReport(Facebook, Verdict.Up, new Cause(CauseCodes.Ok, new Phrase("It's up", "Ça marche"), new Phrase("All good.", "Tout va bien.")), At, TimeSpan.Zero, [])
        {
            Confidence = Confidence.High,
            Notes = [new Phrase("Instagram is down.", "Instagram est en panne.")],
        };

        var html = TelegramFormatter.Report(report, null, TelegramTexts.French);

        Assert.Equal("✅ <b>Facebook</b> fonctionne\nÇa marche\n<i>Tout va bien.</i>\n• Instagram est en panne.", html);
    }

    [Theory]
    [InlineData(Confidence.High, "🔴 <b>Facebook</b> is down\n")]
    [InlineData(Confidence.Medium, "🔴 <b>Facebook</b> looks down\n")]
    [InlineData(Confidence.Low, "🔴 <b>Facebook</b> looks down\n")]
    public void Report_WordsTheHeadlineByConfidence(Confidence confidence, string expectedStart)
    {
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.HttpServerError, new Phrase("503", "503"), new Phrase("e", "e")), At, TimeSpan.Zero, [])
        {
            Confidence = confidence,
        };

        Assert.StartsWith(expectedStart, TelegramFormatter.Report(report, null, TelegramTexts.English), StringComparison.Ordinal);
    }

    [Fact]
    public void Report_EscapesEverythingAServiceOrUserCouldHaveWritten()
    {
        var hostile = Facebook with { Name = "<b>Evil</b> & <a href=\"x\">co</a>" };
        var report = new StatusReport(hostile, Verdict.Down, new Cause(CauseCodes.HttpServerError, new Phrase("answers <script>", "answers <script>"), new Phrase("a & b", "a & b")), At, TimeSpan.Zero,
            [new ProbeResult("https://x/", ProbeKind.Http, "GET https://x/", ProbeOutcome.HttpServerError, TimeSpan.Zero, "500 <html>boom</html>")]);

        var html = TelegramFormatter.Report(report, null, TelegramTexts.English);

        Assert.Contains("&lt;b&gt;Evil&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;co&lt;/a&gt;", html, StringComparison.Ordinal);
        Assert.Contains("500 &lt;html&gt;boom&lt;/html&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WithHundredsOfProbes_StaysWithinTelegramsLimit()
    {
        var probes = Enumerable.Range(0, 500)
            .Select(i => new ProbeResult($"https://host{i}.example/", ProbeKind.Tcp, new string('x', 300), ProbeOutcome.Timeout, TimeSpan.Zero, new string('y', 300)))
            .ToList();
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.TcpTimeout, new Phrase("s", "s"), new Phrase("e", "e")), At, TimeSpan.Zero, probes);

        var html = TelegramFormatter.Report(report, null, TelegramTexts.English);

        Assert.True(html.Length <= TelegramHtml.MaxMessageLength, $"{html.Length} characters");
        Assert.EndsWith("</pre>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_WhenEscapingMakesItTooLong_StaysValidHtmlWithinTheLimit()
    {
        // A server a user asked about answers with text that escaping makes five times longer.
        var probes = Enumerable.Range(0, 10)
            .Select(i => new ProbeResult($"https://evil{i}.example/", ProbeKind.Http, "GET /", ProbeOutcome.HttpServerError, TimeSpan.Zero, new string('&', 400)))
            .ToList();
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.HttpServerError, new Phrase(new string('<', 300), new string('<', 300)), new Phrase(new string('&', 600), new string('&', 600))), At, TimeSpan.Zero, probes);

        var html = TelegramFormatter.Report(report, null, TelegramTexts.English);

        Assert.True(html.Length <= TelegramHtml.MaxMessageLength, $"{html.Length} characters");
        Assert.Null(IsItDownBot.Testing.FakeTelegramHtml.Problem(html));
    }

    [Fact]
    public void Buttons_ForACatalogService_OfferCheckAgainAndAlertMe()
    {
        var buttons = TelegramFormatter.Buttons(Facebook, TelegramTexts.English)!.InlineKeyboard.SelectMany(row => row).ToList();

        Assert.Equal(["check:facebook", "alert:facebook"], buttons.Select(button => button.CallbackData));
    }

    [Fact]
    public void Buttons_ForAUsersDomain_OfferNoAlert_AndNoButtonWhoseDataWouldNotFit()
    {
        var domain = ServiceDefinition.ForDomain("example.org");
        var long63 = ServiceDefinition.ForDomain(new string('a', 60) + ".example.org");

        Assert.Equal(["check:example.org"], TelegramFormatter.Buttons(domain, TelegramTexts.English)!.InlineKeyboard.SelectMany(row => row).Select(button => button.CallbackData));
        Assert.Null(TelegramFormatter.Buttons(long63, TelegramTexts.English));
    }

    [Fact]
    public void Alert_ForAGroupThatWentDownTogether_IsOneMessageNamingEachService()
    {
        var message = new AlertMessage(TransitionKind.Down, "Meta",
        [
            new AlertItem("facebook", "Facebook", CauseCodes.DnsServFail, "DNS failure", At),
            new AlertItem("instagram", "Instagram", CauseCodes.DnsServFail, "DNS failure", At),
        ]);

        Assert.Equal(
            """
            🔴 <b>Facebook, Instagram are down</b>
            This looks like a Meta-wide problem.
            • <b>Facebook</b>: DNS failure (since 2021-10-04 17:40 UTC)
            • <b>Instagram</b>: DNS failure (since 2021-10-04 17:40 UTC)
            """.ReplaceLineEndings("\n").TrimEnd(),
            TelegramFormatter.Alert(message));
    }

    [Fact]
    public void Alert_WhenBack_SaysForHowLong()
    {
        var message = new AlertMessage(TransitionKind.Up, null,
            [new AlertItem("facebook", "Facebook", CauseCodes.Ok, "up", At.AddHours(-6), TimeSpan.FromMinutes(361))]);

        Assert.Equal("✅ <b>Facebook is back up</b>\nIt was down for 6 h 1 min.", TelegramFormatter.Alert(message));
    }

    [Fact]
    public void Alert_ForAChannelThatSubscribedInFrench_IsInFrench()
    {
        var down = new AlertMessage(TransitionKind.Down, "Meta",
        [
            new AlertItem("facebook", "Facebook", CauseCodes.DnsServFail, "DNS failure", At) { SummaryFrench = "Panne DNS" },
            new AlertItem("instagram", "Instagram", CauseCodes.DnsServFail, "DNS failure", At) { SummaryFrench = "Panne DNS" },
        ])
        {
            Language = Language.French,
        };
        var back = new AlertMessage(TransitionKind.Up, null, [new AlertItem("facebook", "Facebook", CauseCodes.Ok, "up", At, TimeSpan.FromMinutes(361))])
        {
            Language = Language.French,
        };

        Assert.Equal(
            """
            🔴 <b>Facebook, Instagram sont en panne</b>
            Cela ressemble à un problème chez tout Meta.
            • <b>Facebook</b>: Panne DNS (depuis le 2021-10-04 17:40 UTC)
            • <b>Instagram</b>: Panne DNS (depuis le 2021-10-04 17:40 UTC)
            """.ReplaceLineEndings("\n").TrimEnd(),
            TelegramFormatter.Alert(down));
        Assert.Equal("✅ <b>Facebook fonctionne de nouveau</b>\nIl a été en panne pendant 6 h 1 min.", TelegramFormatter.Alert(back));
    }

    [Theory]
    [InlineData("fooo@mention_me")]
    [InlineData("@someone_else")]
    public void UnknownService_EchoingAnAtSign_MentionsNobody(string typed)
    {
        var html = TelegramFormatter.UnknownService(typed, [], TelegramTexts.English);

        // Telegram notifies "@name" in a message; a word joiner after the "@" keeps the text and drops the ping.
        Assert.DoesNotMatch("@[A-Za-z0-9_]{5,}", FakeTelegramHtml.ToPlainText(html));
        Assert.Contains("@\u2060", html, StringComparison.Ordinal);
    }
}
