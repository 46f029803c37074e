using IsItDownBot.Core.Probing.StatusPages;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Core.Tests.Probing.StatusPages;

public sealed class StatusPageProbeTests
{
    [Fact]
    public async Task Fetch_WhenAllSystemsAreOperational_ReportsOperationalWithNothingAffected()
    {
        var page = new SimulatedStatusPage();
        page.SetComponent("API", "operational");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(source.Root, evidence.Page);
        Assert.Equal(StatusPageState.Operational, evidence.State);
        Assert.Equal("All Systems Operational", evidence.Description);
        Assert.Empty(evidence.Affected);
        Assert.Empty(evidence.Incidents);
        Assert.Equal("status page says none (\"All Systems Operational\")", evidence.Detail);
        Assert.Equal(1, page.RequestCount);
    }

    [Fact]
    public async Task Fetch_WhenMinor_ListsTheComponentsThatAreNotOperational()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("minor", "Partial System Outage");
        page.SetComponent("API", "degraded_performance");
        page.SetComponent("Gateway", "operational");
        page.SetComponent("Voice", "partial_outage");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Minor, evidence.State);
        Assert.Equal("Partial System Outage", evidence.Description);
        Assert.Equal([new StatusPageComponent("API", "degraded_performance"), new StatusPageComponent("Voice", "partial_outage")], evidence.Affected);
        Assert.Equal("status page says minor (\"Partial System Outage\"): 2 components affected", evidence.Detail);
    }

    [Fact]
    public async Task Fetch_WhenTheJsonEscapesLoneSurrogates_ReadsThemAsMissingInsteadOfThrowing()
    {
        // Valid JSON, but "\ud800" alone is no valid .NET string: reading it naively throws.
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync("""
                {"status":{"indicator":"\ud800","description":"\udc00"},
                 "components":[{"name":"\ud800","status":"major_outage","group":false}],"incidents":[]}
                """);
        });
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
    }

    [Fact]
    public async Task Fetch_WhenAMajorIncidentIsOpen_ListsIt()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("major", "Major Service Outage");
        page.SetComponent("Messages", "major_outage");
        page.AddIncident("Messages fail to send", "investigating", "major");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Major, evidence.State);
        Assert.Equal([new StatusPageIncident("Messages fail to send", "investigating", "major")], evidence.Incidents);
        Assert.Equal("status page says major (\"Major Service Outage\"): 1 component affected, 1 open incident", evidence.Detail);
    }

    [Fact]
    public async Task Fetch_WhenCritical_ReportsCritical()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("critical", "Major System Outage");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        Assert.Equal(StatusPageState.Critical, (await Probe(source).FetchAsync(source.Root, deadline.Token)).State);
    }

    [Fact]
    public async Task Fetch_DuringMaintenance_ReportsMaintenance()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("maintenance", "Service Under Maintenance");
        page.SetComponent("Search", "under_maintenance");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Maintenance, evidence.State);
        Assert.Equal([new StatusPageComponent("Search", "under_maintenance")], evidence.Affected);
    }

    [Fact]
    public async Task Fetch_SkipsGroupComponents_WhichOnlyRepeatTheirMembers()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("minor", "Partial System Outage");
        page.SetComponent("Media", "partial_outage", group: true);
        page.SetComponent("Media Proxy", "partial_outage");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal([new StatusPageComponent("Media Proxy", "partial_outage")], evidence.Affected);
    }

    [Fact]
    public async Task Fetch_SkipsIncidentsAlreadyResolved()
    {
        var page = new SimulatedStatusPage();
        page.AddIncident("Login errors", "resolved", "minor");
        page.AddIncident("Slow uploads", "monitoring", "minor");
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal([new StatusPageIncident("Slow uploads", "monitoring", "minor")], evidence.Incidents);
    }

    [Fact]
    public async Task Fetch_EachTime_ReadsThePageAsItIsNow()
    {
        var page = new SimulatedStatusPage();
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();
        var probe = Probe(source);

        var before = await probe.FetchAsync(source.Root, deadline.Token);
        page.SetStatus("major", "Major Service Outage");
        var after = await probe.FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Operational, before.State);
        Assert.Equal(StatusPageState.Major, after.State);
        Assert.Equal(2, page.RequestCount);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task Fetch_WhenThePageAnswersAnError_ReportsUnavailable(int status)
    {
        var page = new SimulatedStatusPage { Status = status };
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
        Assert.Equal($"status page answered {status}", evidence.Detail);
        Assert.Empty(evidence.Affected);
    }

    [Fact]
    public async Task Fetch_WhenThePageIsNotAStatuspageSite_ReportsUnavailable()
    {
        var page = new SimulatedStatusPage();
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(new Uri(source.Root, "elsewhere/"), deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
        Assert.Equal(0, page.RequestCount);
    }

    [Fact]
    public async Task Fetch_WhenTheAnswerIsNotJson_ReportsUnavailable()
    {
        var page = new SimulatedStatusPage { Garbage = true };
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
        Assert.Equal("status page's answer was not understood", evidence.Detail);
    }

    [Theory]
    [InlineData("""{"status": {"indicator": "purple", "description": "?"}}""")]
    [InlineData("""{"status": "none"}""")]
    [InlineData("""{"components": []}""")]
    [InlineData("""null""")]
    public async Task Fetch_WhenTheJsonIsNotASummary_ReportsUnavailable(string body)
    {
        await using var source = await EvidenceSource.StartAsync(context => context.Response.WriteAsync(body));
        using var deadline = EvidenceSource.Deadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
    }

    [Fact]
    public async Task Fetch_WhenThePageDoesNotAnswerBeforeTheDeadline_ReportsUnavailable()
    {
        var page = new SimulatedStatusPage { Delay = Timeout.InfiniteTimeSpan };
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync);
        using var deadline = EvidenceSource.ShortDeadline();

        var evidence = await Probe(source).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
        Assert.Equal("status page did not answer before the deadline", evidence.Detail);
    }

    [Theory]
    [InlineData("https://discordstatus.com", "https://discordstatus.com/api/v2/summary.json")]
    [InlineData("https://www.githubstatus.com/", "https://www.githubstatus.com/api/v2/summary.json")]
    [InlineData("https://status.example.org/acme", "https://status.example.org/acme/api/v2/summary.json")]
    [InlineData("https://status.example.org/acme/?x=1#top", "https://status.example.org/acme/api/v2/summary.json")]
    public void SummaryUrl_IsUnderThePageRoot(string page, string expected) =>
        Assert.Equal(expected, StatusPageProbe.SummaryUrl(new Uri(page)).ToString());

    private static StatusPageProbe Probe(EvidenceSource source) => new(source.Client, TimeProvider.System);
}
