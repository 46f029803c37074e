using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Rendering;
using IsItDownBot.Replay;

namespace IsItDownBot.Tests.Replay;

/// <summary>Each shipped scenario, played through the runner: what the bot answers and alerts at every step.</summary>
public sealed class ScenarioTests
{
    [Fact]
    public async Task Meta20211004_GoesFromServerErrorsToUnreachableNameServersAndBack_WithOneDownAndOneBackUpAlert()
    {
        var steps = await RunAsync("meta-2021-10-04");

        Assert.Equal(4, steps.Count);
        Assert.Equal([Verdict.Up, Verdict.Down, Verdict.Down, Verdict.Up], steps.Select(step => Facebook(step).Verdict));
        Assert.Equal(
            [CauseCodes.Ok, CauseCodes.HttpServerError, CauseCodes.DnsAuthoritativeUnreachable, CauseCodes.Ok],
            steps.Select(step => Facebook(step).Cause.Code));

        var serverErrors = Facebook(steps[1]);
        Assert.Equal("Meta-wide outage — Facebook's servers answer 503", serverErrors.Cause.Summary.English);
        Assert.Contains(serverErrors.Notes, note => note.English.StartsWith("Instagram and WhatsApp are down too", StringComparison.Ordinal));

        var dns = Facebook(steps[2]);
        Assert.Equal(
            "Meta-wide outage — DNS failure: the routes to facebook.test's name servers have been withdrawn from the internet, so no one can find Facebook's servers",
            dns.Cause.Summary.English);
        Assert.Equal(Confidence.High, dns.Confidence);
        Assert.Equal(4, dns.Probes.Count(probe => probe.Kind == ProbeKind.Authoritative && probe.Endpoint == "facebook.test" && probe.Outcome == ProbeOutcome.Timeout));
        Assert.All(dns.Probes.Where(probe => probe.Kind == ProbeKind.Dns && probe.Endpoint.Contains("facebook", StringComparison.Ordinal)),
            probe => Assert.Equal(ProbeOutcome.DnsServFail, probe.Outcome));
        Assert.Contains(dns.Notes, note => note.English.StartsWith("Instagram and WhatsApp are down too, the same way (DNS)", StringComparison.Ordinal));
        Assert.Equal(new DateTimeOffset(2021, 10, 4, 15, 40, 0, TimeSpan.Zero), steps[2].OpenIncidents["facebook"].OpenedAt);
        Assert.Equal(new DateTimeOffset(2021, 10, 4, 15, 50, 0, TimeSpan.Zero), dns.CheckedAt);

        Assert.Empty(steps[0].Alerts);
        var down = Assert.Single(steps[1].Alerts);
        Assert.Equal(TransitionKind.Down, down.Kind);
        Assert.Equal("Meta", down.GroupName);
        Assert.Equal(["facebook", "instagram", "whatsapp"], down.Items.Select(item => item.ServiceId));
        Assert.All(down.Items, item => Assert.Equal(CauseCodes.HttpServerError, item.CauseCode));
        Assert.StartsWith("DOWN: Facebook, Instagram and WhatsApp are down (Meta-wide problem?)\n- Facebook, since 2021-10-04 15:40 UTC:", AlertText.Render(down), StringComparison.Ordinal);
        Assert.Empty(steps[2].Alerts);
        var up = Assert.Single(steps[3].Alerts);
        Assert.Equal(TransitionKind.Up, up.Kind);
        Assert.All(up.Items, item => Assert.Equal(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(20), item.Duration));
        Assert.Equal(
            "BACK UP: Facebook, Instagram and WhatsApp are back up.\n- Facebook: down for 5 h 20 min\n- Instagram: down for 5 h 20 min\n- WhatsApp: down for 5 h 20 min",
            AlertText.Render(up));
    }

    [Fact]
    public async Task ExpiredCertificate_IsDownFromMidnightUntilTheRenewal()
    {
        var steps = await RunAsync("expired-certificate");

        Assert.Equal([CauseCodes.Ok, CauseCodes.TlsCertificate, CauseCodes.Ok], steps.Select(step => Only(step).Cause.Code));
        var expired = Only(steps[1]);
        Assert.Equal(Verdict.Down, expired.Verdict);
        Assert.Equal("Spotify's security certificate is expired", expired.Cause.Summary.English);
        Assert.Contains(expired.Probes, probe => probe.Outcome == ProbeOutcome.CertificateExpired && probe.Detail == "certificate expired on 2030-01-02 (10 min ago)");

        Assert.Empty(steps[0].Alerts);
        var down = Assert.Single(steps[1].Alerts);
        Assert.Equal("DOWN: Spotify is down since 2030-01-02 00:10 UTC. Spotify's security certificate is expired", AlertText.Render(down));
        var up = Assert.Single(steps[2].Alerts);
        Assert.Equal("BACK UP: Spotify is back up after 1 h 20 min.", AlertText.Render(up));
    }

    [Fact]
    public async Task RegionalResolverFailure_IsDegradedWithoutAnAlert()
    {
        var steps = await RunAsync("regional-resolver-failure");

        Assert.Equal([CauseCodes.Ok, CauseCodes.DnsResolver, CauseCodes.Ok], steps.Select(step => Only(step).Cause.Code));
        var degraded = Only(steps[1]);
        Assert.Equal(Verdict.Degraded, degraded.Verdict);
        var dns = degraded.Probes.Where(probe => probe.Kind == ProbeKind.Dns && probe.Endpoint.Contains("whatsapp", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, dns.Select(probe => probe.Target).Distinct().Count());
        var failing = Assert.Single(dns.Where(probe => !probe.Ok).Select(probe => probe.Target).Distinct());
        Assert.Contains(failing, degraded.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.All(steps, step => Assert.Empty(step.Alerts));
    }

    [Fact]
    public async Task PartialOutage_NamesTheFailingApiWithoutAnAlert()
    {
        var steps = await RunAsync("partial-outage");

        Assert.Equal([CauseCodes.Ok, CauseCodes.Partial, CauseCodes.Ok], steps.Select(step => Only(step).Cause.Code));
        var partial = Only(steps[1]);
        Assert.Equal(Verdict.Degraded, partial.Verdict);
        Assert.StartsWith("Partly down: api.github.test fails", partial.Cause.Summary.English, StringComparison.Ordinal);
        Assert.DoesNotContain("www.github.test", partial.Cause.Summary.English, StringComparison.Ordinal);
        Assert.All(steps, step => Assert.Empty(step.Alerts));
    }

    [Fact]
    public async Task StatusPageIncident_BelievesTheOperatorWhileEveryProbePasses()
    {
        var steps = await RunAsync("status-page-incident");

        Assert.Equal([CauseCodes.Ok, CauseCodes.StatusPageIncident, CauseCodes.Ok], steps.Select(step => Only(step).Cause.Code));
        var incident = Only(steps[1]);
        Assert.Equal(Verdict.Degraded, incident.Verdict);
        Assert.Contains("Voice (major outage)", incident.Cause.Summary.English, StringComparison.Ordinal);
        Assert.All(incident.Probes, probe => Assert.True(probe.Ok || probe.Outcome == ProbeOutcome.Skipped, probe.Detail));
        Assert.All(steps, step => Assert.Empty(step.Alerts));
    }

    [Fact]
    public void Scenarios_HaveDistinctIdsWordsInBothLanguagesAndStepsInTimeOrder()
    {
        Assert.Equal(ReplayScenarios.All.Count, ReplayScenarios.All.Select(scenario => scenario.Id).Distinct().Count());
        Assert.All(ReplayScenarios.All, scenario =>
        {
            Assert.NotEmpty(scenario.Steps);
            Assert.NotEmpty(scenario.Featured);
            Assert.All(new[] { scenario.Title, scenario.Description }.Concat(scenario.Steps.Select(step => step.Description)), phrase =>
            {
                Assert.False(string.IsNullOrWhiteSpace(phrase.English));
                Assert.False(string.IsNullOrWhiteSpace(phrase.French));
                Assert.NotEqual(phrase.English, phrase.French);
            });

            // The monitor's rounds of a step run a minute apart: the next step must come after them.
            Assert.All(scenario.Steps.Zip(scenario.Steps.Skip(1)), pair => Assert.True(pair.Second.At - pair.First.At >= TimeSpan.FromMinutes(5)));
        });
        Assert.Same(ReplayScenarios.All[0], ReplayScenarios.Find("META-2021-10-04"));

        // A made-up story is never set on a real date, which would read as a record of that day.
        Assert.All(ReplayScenarios.All, scenario => Assert.All(scenario.Steps, step => Assert.Equal(scenario.IsIllustrative, step.IsIllustrative)));
        Assert.Equal(["meta-2021-10-04"], ReplayScenarios.All.Where(scenario => !scenario.IsIllustrative).Select(scenario => scenario.Id));
        Assert.Null(ReplayScenarios.Find("nope"));
    }

    [Fact]
    public async Task LameDelegation_BlamesTheDelegatedServersThatRefuseTheZone()
    {
        var steps = await RunAsync("lame-delegation");

        Assert.Equal([CauseCodes.Ok, CauseCodes.DnsLameDelegation, CauseCodes.Ok], steps.Select(step => Only(step).Cause.Code));
        var lame = Only(steps[1]);
        Assert.Equal(Verdict.Down, lame.Verdict);
        Assert.Contains("ns1.reddit.test, ns2.reddit.test", lame.Cause.Explanation.English, StringComparison.Ordinal);
        Assert.Contains(lame.Probes, probe => probe.Kind == ProbeKind.Authoritative && probe.Outcome == ProbeOutcome.DnsRefused);
        Assert.Equal(
            "DOWN: Reddit is down since 2030-01-01 18:20 UTC. DNS failure: reddit.test's name servers refuse to answer for it (lame delegation)",
            AlertText.Render(Assert.Single(steps[1].Alerts)));
        Assert.Equal("BACK UP: Reddit is back up after 45 min.", AlertText.Render(Assert.Single(steps[2].Alerts)));
    }

    private static async Task<IReadOnlyList<ReplayStepResult>> RunAsync(string id)
    {
        var scenario = ReplayScenarios.Find(id);
        Assert.NotNull(scenario);
        return await ScenarioRunner.RunAsync(scenario);
    }

    private static StatusReport Facebook(ReplayStepResult step) => Assert.Single(step.Reports, report => report.Service.Id == "facebook");

    private static StatusReport Only(ReplayStepResult step) => Assert.Single(step.Reports);
}
