using System.Text.RegularExpressions;
using IsItDownBot.Cli;
using IsItDownBot.Terminal;
using IsItDownBot.Testing;
using IsItDownBot.Tests.Cli;
using Spectre.Console;

namespace IsItDownBot.Tests.Terminal;

/// <summary>
/// What <c>check</c> prints for a person: by default a screenful whose verdict stays in view, every probe with
/// <c>--verbose</c>; redirected, lines as long as they need to be. Output goes through the console the program builds
/// for redirected output, so nothing is wrapped or styled.
/// </summary>
public sealed partial class CompactCheckOutputTests
{
    [Fact]
    public async Task Check_OfTheOctober2021Pattern_PrintsTheVerdictTheExplanationAndAShortEvidenceSummary()
    {
        await using var world = await October2021Async();
        using var config = TempConfig.FromJson(world.ToJson());

        var output = await CheckRedirectedAsync("check", "facebook", "--lang", "en", "--config", config.Path);

        Assert.Equal(
            """
            DOWN Facebook is down (high confidence)
            DNS failure: facebook.test's name servers are unreachable, so no one can find Facebook's servers
            Every DNS resolver fails to look up facebook.test, and facebook.test's own name servers do not answer at all. The problem is on Facebook's side: without its name servers, no one on the internet can find its servers, even if they are running.
            ! The routes to facebook.test's name servers are still announced (127.0.0.0/24): the servers themselves do not answer.
              www.facebook.test    2 of 2 resolvers: SERVFAIL
              graph.facebook.test  2 of 2 resolvers: SERVFAIL
              facebook.test        2 of 2 lookups from the root: answered
              facebook.test        2 of 2 name servers: no answer (UDP and TCP)
              control hosts        1 of 1 reachable
            Checked at <time> UTC in <duration>. --verbose shows every probe.


            """,
            WithoutTimes(output));
    }

    [Fact]
    public async Task Check_OfTheOctober2021PatternInFrench_SummarisesTheEvidenceInFrench()
    {
        await using var world = await October2021Async();
        using var config = TempConfig.FromJson(world.ToJson());

        var output = await CheckRedirectedAsync("check", "facebook", "--lang", "fr", "--config", config.Path);

        Assert.EndsWith(
            """
              www.facebook.test    2 sur 2 résolveurs : SERVFAIL
              graph.facebook.test  2 sur 2 résolveurs : SERVFAIL
              facebook.test        2 sur 2 requêtes depuis la racine : ont répondu
              facebook.test        2 sur 2 serveurs de noms : pas de réponse (UDP et TCP)
              hôtes témoins        1 sur 1 joignable
            Vérifié le <time> UTC en <duration>. --verbose montre chaque vérification.


            """,
            WithoutTimes(output),
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--verbose")]
    [InlineData("-v")]
    public async Task Check_WithVerbose_PrintsEveryProbeInATable(string verbose)
    {
        await using var world = await October2021Async();
        using var config = TempConfig.FromJson(world.ToJson());

        var output = await CheckRedirectedAsync("check", "facebook", verbose, "--lang", "en", "--config", config.Path);

        var lines = output.Split('\n');
        Assert.Equal(4, lines.Count(line => line.Contains("│ FAIL SERVFAIL", StringComparison.Ordinal)));
        Assert.Single(lines, line => line.Contains("ns1.facebook.test (", StringComparison.Ordinal) && line.Contains(") UDP", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains("ns2.facebook.test (", StringComparison.Ordinal) && line.Contains(") TCP", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("ok 200 OK", StringComparison.Ordinal));
        Assert.DoesNotContain("2 of 2 resolvers", output, StringComparison.Ordinal);
        Assert.DoesNotContain("--verbose shows every probe", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WithRedirectedOutput_NeverWrapsALineOrATableMidName()
    {
        await using var world = await LoopbackWorld.StartAsync();
        const string Host = "www.a-service-with-a-rather-long-host-name-that-would-not-fit.test";
        var server = await world.StartHttpsAsync(Host, LoopbackHttpsServer.Respond(503));
        world.AddService("long", "Long", "a-service-with-a-rather-long-host-name-that-would-not-fit.test", null, server.UriFor(Host));
        using var config = TempConfig.FromJson(world.ToJson());

        var output = await CheckRedirectedAsync("check", "long", "--verbose", "--lang", "en", "--config", config.Path);

        var lines = output.Split('\n');
        var endpoint = server.UriFor(Host).Authority + "/";
        Assert.Single(lines, line => line.StartsWith("│ " + endpoint, StringComparison.Ordinal) && line.Contains("127.0.0.1:", StringComparison.Ordinal));
        Assert.Single(lines, line => line.Contains($"GET {server.UriFor(Host)} at 127.0.0.1:{server.UriFor(Host).Port}", StringComparison.Ordinal) && line.Contains("FAIL 503", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.StartsWith("Long's servers are reachable", StringComparison.Ordinal) && line.Length > 80);
        Assert.All(lines.Where(line => line.StartsWith('│')), line => Assert.EndsWith("│", line, StringComparison.Ordinal));
    }

    /// <summary>
    /// 4 October 2021 on loopback: both resolvers answer SERVFAIL for the zone, the root and the TLD still delegate
    /// it, and its two name servers answer neither over UDP nor over TCP.
    /// </summary>
    private static async Task<LoopbackWorld> October2021Async()
    {
        var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("www.facebook.test", LoopbackHttpsServer.Respond(200));
        var graph = await world.StartHttpsAsync("graph.facebook.test", LoopbackHttpsServer.Respond(200));
        world.AddService("facebook", "Facebook", "facebook.test", "meta", web.UriFor("www.facebook.test"), graph.UriFor("graph.facebook.test"));
        world.SetBehaviour("facebook.test", DnsBehaviour.ServFail);
        var dns = await world.StartDnsHierarchyAsync(firstOctet: 230);
        foreach (var nameServer in await dns.AddZoneAsync("facebook.test"))
        {
            nameServer.SetBehaviour("facebook.test", DnsBehaviour.Silent);
        }

        return world;
    }

    /// <summary>The command's output through the console the program builds when standard output is a pipe.</summary>
    private static async Task<string> CheckRedirectedAsync(params string[] args)
    {
        using var output = new StringWriter();
        var console = TerminalConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) }, outputRedirected: true, noColor: null);
        var context = CliContext.ForConsole(console, output, TextWriter.Null);

        await CliApplication.RunAsync(args, context);
        return output.ToString().ReplaceLineEndings("\n");
    }

    /// <summary>The one line that changes from run to run: when the check ran and how long it took.</summary>
    private static string WithoutTimes(string output) => CheckedAtLine().Replace(output, "${lead} <time> UTC ${in} <duration>.");

    [GeneratedRegex(@"(?<lead>Checked at|Vérifié le) \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC (?<in>in|en) [\d.]+ m?s\.")]
    private static partial Regex CheckedAtLine();
}
