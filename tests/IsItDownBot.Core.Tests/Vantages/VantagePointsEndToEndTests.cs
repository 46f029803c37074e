using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Storage.Sqlite;
using IsItDownBot.Core.Vantages;
using IsItDownBot.Core.Tests.Storage;
using IsItDownBot.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace IsItDownBot.Core.Tests.Vantages;

/// <summary>
/// Three instances in one process, each wired as <c>run</c> wires it, each with its own vantage name and its own
/// loopback "network" in which the same service answers as the test says, all sharing one SQLite file.
/// </summary>
public sealed class VantagePointsEndToEndTests
{
    private static readonly string[] Regions = ["eu-west", "us-east", "ap-south"];

    [Fact]
    public async Task Check_WhenOnlyOneVantageSeesAnOutage_EveryInstanceCallsItRegional()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 1);
        deployment.Healthy["eu-west"] = false;
        await deployment.CheckEachAsync();

        foreach (var region in Regions)
        {
            var report = await deployment.CheckAsync(region);

            var note = Assert.Single(report.Notes, note => note.English.Contains("regional", StringComparison.Ordinal));
            Assert.StartsWith("Fails only from eu-west: a regional problem; ", note.English, StringComparison.Ordinal);
            Assert.StartsWith("Échoue seulement depuis eu-west : un problème régional ; ", note.French, StringComparison.Ordinal);
            Assert.Equal(3, report.Vantages.Count);
            Assert.Equal(region, report.Vantages[0].Vantage);
        }

        var failing = await deployment.CheckAsync("eu-west");
        Assert.Equal(Verdict.Down, failing.Verdict);
        Assert.Contains(new Phrase(
            "Fails only from eu-west: a regional problem; ap-south and us-east reach it.",
            "Échoue seulement depuis eu-west : un problème régional ; ap-south et us-east y accèdent."), failing.Notes);
        Assert.Equal(Verdict.Up, (await deployment.CheckAsync("us-east")).Verdict);
    }

    [Fact]
    public async Task Check_WhenEveryVantageSeesTheOutage_SaysDownFromAllOfThemAndIsSurer()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 1);
        foreach (var region in Regions)
        {
            deployment.Healthy[region] = false;
        }

        var alone = await deployment.CheckAsync("us-east");
        await deployment.CheckEachAsync();

        var report = await deployment.CheckAsync("us-east");

        Assert.Contains(new Phrase(
            "Down from 3 of 3 regions (us-east, ap-south, eu-west).",
            "En panne depuis 3 régions sur 3 (us-east, ap-south, eu-west)."), report.Notes);
        Assert.Empty(alone.Vantages);
        Assert.Equal(ConfidenceRating.Raise(ConfidenceRating.Raise(alone.Confidence)), report.Confidence);
        Assert.Equal(CauseCodes.HttpServerError, report.Cause.Code);
    }

    [Fact]
    public async Task Check_WhenTheOtherVantagesResultsAreStale_AnswersAsASingleVantage()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 1);
        deployment.Healthy["eu-west"] = false;
        await deployment.CheckEachAsync();

        deployment.Time.Advance(TimeSpan.FromMinutes(2) + TimeSpan.FromSeconds(1));
        var report = await deployment.CheckAsync("eu-west");

        Assert.Empty(report.Vantages);
        Assert.DoesNotContain(report.Notes, note => note.English.Contains("regional", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Monitor_WithQuorumTwo_DeclaresAnOutageOnlyOnceTwoVantagesSeeIt()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 2);
        deployment.Healthy["eu-west"] = false;
        await deployment.CheckEachAsync();

        // eu-west sees it down, alone: a regional problem, whichever instance runs the round.
        Assert.Empty(await deployment.MonitorRoundAsync("eu-west"));
        Assert.Empty(await deployment.MonitorRoundAsync("us-east"));

        deployment.Healthy["us-east"] = false;
        await deployment.CheckAsync("us-east");
        var declared = await deployment.MonitorRoundAsync("ap-south");

        // ap-south itself reaches the service, yet two of three vantages make an outage, worded by one that saw it.
        var transition = Assert.Single(declared);
        Assert.Equal(TransitionKind.Down, transition.Kind);
        Assert.Equal(CauseCodes.HttpServerError, transition.Cause.Code);
        Assert.Equal("Flaky's servers answer 503", transition.Cause.Summary.English);
    }

    [Fact]
    public async Task Monitor_OneFailureSeenOnceFromAnotherRegion_CountsInOneRoundOnly()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 1, failureThreshold: 2);
        deployment.Healthy["us-east"] = false;
        await deployment.CheckAsync("us-east");
        deployment.Healthy["us-east"] = true;

        // us-east's one result stays fresh for two minutes, but it is one failing round, not a streak of two.
        Assert.Empty(await deployment.MonitorRoundAsync("eu-west"));
        deployment.Time.Advance(TimeSpan.FromSeconds(60));
        Assert.Empty(await deployment.MonitorRoundAsync("eu-west"));
    }

    [Fact]
    public async Task Monitor_WhenAVantageThatMadeTheQuorumGoesQuiet_DoesNotCallTheOutageOver()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 2);
        deployment.Healthy["eu-west"] = false;
        deployment.Healthy["us-east"] = false;
        await deployment.CheckEachAsync();
        Assert.Equal(TransitionKind.Down, Assert.Single(await deployment.MonitorRoundAsync("eu-west")).Kind);

        // us-east and ap-south stop (their results go stale); eu-west, still failing, cannot make a quorum alone.
        for (var round = 0; round < 4; round++)
        {
            deployment.Time.Advance(TimeSpan.FromMinutes(1));
            Assert.Empty(await deployment.MonitorRoundAsync("eu-west"));
        }

        // Once a second vantage point speaks again and reaches it, the outage is over.
        deployment.Healthy["eu-west"] = true;
        await deployment.CheckAsync("ap-south");
        Assert.Empty(await deployment.MonitorRoundAsync("eu-west"));
        deployment.Time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(TransitionKind.Up, Assert.Single(await deployment.MonitorRoundAsync("eu-west")).Kind);
    }

    [Fact]
    public async Task MonitorServices_OneLeadsAndTheOthersStillProbe_SoEveryVantageHasAFreshResult()
    {
        await using var deployment = await Deployment.StartAsync(quorum: 2);
        deployment.Healthy["us-east"] = false;

        var monitors = await deployment.StartMonitorServicesAsync();
        try
        {
            var results = await deployment.WaitForVantageResultsAsync("flaky", Regions.Length);

            Assert.Equal(Regions.Order(StringComparer.Ordinal), results.Select(result => result.Vantage));
            Assert.Equal(Verdict.Down, Assert.Single(results, result => result.Vantage == "us-east").Verdict);
            Assert.Equal(1, deployment.LeaderCount());
        }
        finally
        {
            foreach (var monitor in monitors)
            {
                await monitor.StopAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>The three instances, their worlds, and the clock and database they share.</summary>
    private sealed class Deployment : IAsyncDisposable
    {
        private readonly List<LoopbackWorld> _worlds = [];
        private readonly Dictionary<string, ServiceProvider> _instances = new(StringComparer.Ordinal);
        private TempSqliteStore? _database;

        public FakeTimeProvider Time { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        public Dictionary<string, bool> Healthy { get; } = Regions.ToDictionary(region => region, _ => true, StringComparer.Ordinal);

        public static async Task<Deployment> StartAsync(int quorum, int failureThreshold = 1)
        {
            var deployment = new Deployment();
            try
            {
                deployment._database = await TempSqliteStore.CreateAsync(deployment.Time);
                foreach (var region in Regions)
                {
                    var world = await LoopbackWorld.StartAsync();
                    deployment._worlds.Add(world);
                    await world.StartServiceAsync("flaky", "Flaky", context =>
                    {
                        context.Response.StatusCode = deployment.Healthy[region] ? 200 : 503;
                        return Task.CompletedTask;
                    });
                    deployment._instances[region] = Build(world, region, quorum, failureThreshold, deployment.Time, deployment._database.Path);
                }

                return deployment;
            }
            catch
            {
                await deployment.DisposeAsync();
                throw;
            }
        }

        /// <summary>One question to each instance, so that every vantage point has a fresh result on the board.</summary>
        public async Task CheckEachAsync()
        {
            foreach (var region in Regions)
            {
                await CheckAsync(region);
            }
        }

        public Task<StatusReport> CheckAsync(string region)
        {
            var instance = _instances[region];
            var service = instance.GetRequiredService<ServiceCatalog>().Find("flaky");
            Assert.NotNull(service);
            return instance.GetRequiredService<StatusChecker>().CheckAsync(service);
        }

        public Task<IReadOnlyList<Transition>> MonitorRoundAsync(string region) =>
            _instances[region].GetRequiredService<OutageMonitor>().RunRoundAsync();

        /// <summary>Starts each instance's monitor loop, as <c>run</c> does; its first round runs at once.</summary>
        public async Task<IReadOnlyList<MonitorService>> StartMonitorServicesAsync()
        {
            var monitors = _instances.Values
                .Select(instance => instance.GetServices<IHostedService>().OfType<MonitorService>().Single())
                .ToList();
            foreach (var monitor in monitors)
            {
                await monitor.StartAsync(CancellationToken.None);
            }

            return monitors;
        }

        public int LeaderCount() => _instances.Values.Count(instance => instance.GetRequiredService<MonitorLeadership>().IsLeader);

        /// <summary>Waits, on the real clock, for the rounds running in the background to have recorded as many vantages' results.</summary>
        public async Task<IReadOnlyList<VantageResult>> WaitForVantageResultsAsync(string serviceId, int count)
        {
            var store = _instances[Regions[0]].GetRequiredService<IBotStore>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (true)
            {
                var results = await store.VantageResultsAsync(serviceId, Time.GetUtcNow() - TimeSpan.FromMinutes(1), timeout.Token);
                if (results.Count >= count)
                {
                    return results;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(20), timeout.Token);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var instance in _instances.Values)
            {
                await instance.DisposeAsync();
            }

            foreach (var world in _worlds)
            {
                await world.DisposeAsync();
            }

            _database?.Dispose();
        }

        private static ServiceProvider Build(LoopbackWorld world, string region, int quorum, int failureThreshold, TimeProvider time, string databasePath)
        {
            world.Settings["IsItDown:Vantage"] = region;
            world.Settings["IsItDown:Vantages:Quorum"] = quorum.ToString(System.Globalization.CultureInfo.InvariantCulture);

            // Every question probes afresh, and by default one failing round is enough for the monitor: the quorum is under test.
            world.Settings["IsItDown:Cache:Ttl"] = "00:00:00";
            world.Settings["IsItDown:Monitor:FailureThreshold"] = failureThreshold.ToString(System.Globalization.CultureInfo.InvariantCulture);
            world.Settings["IsItDown:Monitor:AlwaysWatch:0"] = "flaky";
            world.Settings["IsItDown:Alerts:LogAlerts"] = "false";
            var configuration = new ConfigurationBuilder().AddInMemoryCollection(world.Settings).Build();
            var services = new ServiceCollection();
            services.AddSingleton(time);
            services.AddLogging();

            // Its own store object over the one shared file, as separate processes would have.
            services.AddSingleton<IBotStore>(_ => new SqliteBotStore($"Data Source={databasePath}", time));
            services.AddIsItDownCore(configuration).AddIsItDownMonitoring(configuration).AddIsItDownBackgroundWork();
            return services.BuildServiceProvider();
        }
    }
}
