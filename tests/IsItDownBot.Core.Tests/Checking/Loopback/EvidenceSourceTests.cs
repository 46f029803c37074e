using IsItDownBot.Core.Explaining;
using IsItDownBot.Testing;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>Routing data, status pages and sibling services, fetched live from loopback fakes in the same round as the probes.</summary>
public sealed class EvidenceSourceTests
{
    [Fact]
    public async Task Check_WhenTheNameServersRoutesAreWithdrawn_SaysSoLikeOctober2021()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.facebook.test", LoopbackHttpsServer.Respond(200));
        world.AddService("facebook", "Facebook", "facebook.test", null, web.UriFor("www.facebook.test"));
        world.SetBehaviour("facebook.test", DnsBehaviour.ServFail);
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 221);
        foreach (var nameServer in await dns.AddZoneAsync("facebook.test"))
        {
            nameServer.SetBehaviour("facebook.test", DnsBehaviour.Silent);
            world.LookingGlass.Withdraw(nameServer.EndPoint.Address.ToString());
        }

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, report.Cause.Code);
        Assert.Equal(
            "DNS failure: the routes to facebook.test's name servers have been withdrawn from the internet, so no one can find Facebook's servers",
            report.Cause.Summary.English);
        Assert.Equal(Confidence.High, report.Confidence);
        Assert.Equal(2, world.LookingGlass.Resources.Count);
    }

    [Fact]
    public async Task Check_WhenEverythingWorks_DoesNotAskTheRoutingSource()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("fine", "Fine", LoopbackHttpsServer.Respond(200));

        var report = await LoopbackBot.CheckAsync(world, "fine");

        Assert.Equal(Verdict.Up, report.Verdict);
        Assert.Empty(world.LookingGlass.Resources);
    }

    [Fact]
    public async Task Check_WhenTheStatusPageNeverAnswers_AnswersAtTheDeadlineAndSaysWhatWasNotChecked()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Probes:Timeout"] = "00:00:01";
        await world.StartServiceAsync("flaky", "Flaky", LoopbackHttpsServer.Respond(503));
        var page = new SimulatedStatusPage { Delay = Timeout.InfiniteTimeSpan };
        world.Settings["IsItDown:Services:flaky:StatusPage"] = (await world.StartEvidenceSourceAsync(page.HandleAsync)).ToString();

        var report = await LoopbackBot.CheckAsync(world, "flaky");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.HttpServerError, report.Cause.Code);
        Assert.Equal(1, page.RequestCount);
        Assert.Contains(report.Notes, note => note.English == "Could not check in time: Flaky's status page.");
    }

    [Fact]
    public async Task Check_WhenTheStatusPageAdmitsAMajorOutageWhileProbesPass_ReportsWhatTheOperatorAdmits()
    {
        await using var world = await LoopbackWorld.StartAsync();
        await world.StartServiceAsync("chat", "Chat", LoopbackHttpsServer.Respond(200));
        var page = new SimulatedStatusPage();
        page.SetStatus("major", "Major Service Outage");
        page.SetComponent("Messages", "major_outage");
        world.Settings["IsItDown:Services:chat:StatusPage"] = (await world.StartEvidenceSourceAsync(page.HandleAsync)).ToString();

        var report = await LoopbackBot.CheckAsync(world, "chat");

        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.StatusPageIncident, report.Cause.Code);
        Assert.Equal("Chat answers from here, but its status page reports “Major Service Outage” — Messages (major outage)", report.Cause.Summary.English);
    }

    [Fact]
    public async Task Check_OfOneGroupMember_ChecksItsSiblingsAndWordsTheCauseForTheGroup()
    {
        await using var world = await LoopbackWorld.StartAsync();
        world.Settings["IsItDown:Groups:meta"] = "Meta";
        await world.StartServiceAsync("facebook", "Facebook", LoopbackHttpsServer.Respond(503), "meta");
        var instagram = await world.StartServiceAsync("instagram", "Instagram", LoopbackHttpsServer.Respond(502), "meta");

        var report = await LoopbackBot.CheckAsync(world, "facebook");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal("Meta-wide outage — Facebook's servers answer 503", report.Cause.Summary.English);
        Assert.Contains(report.Notes, note => note.English.StartsWith("Instagram is down too, the same way", StringComparison.Ordinal));
        Assert.Equal(1, instagram.RequestCount);
    }
}
