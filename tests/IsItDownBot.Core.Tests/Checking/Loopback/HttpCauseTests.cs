using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http.Features;

namespace IsItDownBot.Core.Tests.Checking.Loopback;

/// <summary>The connection works; what the servers answer does not.</summary>
public sealed class HttpCauseTests
{
    [Fact]
    public async Task Check_WhenServersAnswer503_SaysSo()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("fivexx", "Fivexx", LoopbackHttpsServer.Respond(503));

        var report = await LoopbackBot.CheckAsync(world, "fivexx");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.HttpServerError, report.Cause.Code);
        Assert.Equal("Fivexx's servers answer 503", report.Cause.Summary.English);
    }

    [Fact]
    public async Task Check_WhenServersAnswer429_SaysRateLimited()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("busy", "Busy", LoopbackHttpsServer.Respond(429));

        var report = await LoopbackBot.CheckAsync(world, "busy");

        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.HttpRateLimited, report.Cause.Code);
    }

    [Fact]
    public async Task Check_WhenRequestsNeverGetAReply_ReportsHttpTimeoutAtTheDeadline()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("stuck", "Stuck", LoopbackHttpsServer.Hang());
        world.Settings["IsItDown:Probes:Timeout"] = "00:00:03";

        var report = await LoopbackBot.CheckAsync(world, "stuck");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.HttpTimeout, report.Cause.Code);
        Assert.Equal(1, web.RequestCount);
    }

    [Fact]
    public async Task Check_WhenAnswersTakeLongerThanSlowAfter_SaysSlow()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartServiceAsync("slow", "Slow", LoopbackHttpsServer.RespondAfter(TimeSpan.FromMilliseconds(300), 200));
        world.Settings["IsItDown:Probes:SlowAfter"] = "00:00:00.100";

        var report = await LoopbackBot.CheckAsync(world, "slow");

        Assert.Equal(Verdict.Degraded, report.Verdict);
        Assert.Equal(CauseCodes.Slow, report.Cause.Code);
        Assert.StartsWith("Slow is up but slow", report.Cause.Summary.English, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Check_WhenTheServerAnswersSomethingThatIsNotHttp_ReportsHttpError()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var garbage = world.Own(new RawTcpServer(LoopbackWorld.Address, RawTcpServer.WriteThenClose("220 mail.example ESMTP\r\n\r\n"u8.ToArray())));
        world.Resolve("www.notweb.test", LoopbackWorld.Address);
        world.AddService("notweb", "Notweb", "notweb.test", null, new Uri($"http://www.notweb.test:{garbage.Port}/"));

        var report = await LoopbackBot.CheckAsync(world, "notweb");

        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(CauseCodes.HttpError, report.Cause.Code);
    }

    [Fact]
    public async Task Check_WhenTheServerRedirects_ReportsUpWithoutFollowing()
    {
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("moved.test", context =>
        {
            context.Response.StatusCode = 301;
            context.Response.Headers.Location = "https://www.moved.test/";
            return Task.CompletedTask;
        });
        world.AddService("moved", "Moved", "moved.test", null, web.UriFor("moved.test"));

        var report = await LoopbackBot.CheckAsync(world, "moved");

        Assert.Equal(Verdict.Up, report.Verdict);
        Assert.Equal(1, web.RequestCount);
        Assert.Contains(report.Probes, probe => probe.HttpStatus == 301 && probe.Detail.Contains("-> https://www.moved.test/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_WhenTheServerWritesAMessageInItsReasonPhraseAndHeaders_QuotesThemClipped()
    {
        const string pitch = "Free Nitro at https://dlscord.gift - claim yours now, offer ends today, tell your friends";
        const string server = "dlscord.gift/1.0 (Free Nitro at https://dlscord.gift - claim yours now, offer ends today)";
        await using var world = await LoopbackWorld.StartAsync();
        var web = await world.StartHttpsAsync("pitch.test", context =>
        {
            context.Response.StatusCode = 503;
            context.Features.Get<IHttpResponseFeature>()!.ReasonPhrase = pitch;
            context.Response.Headers.Server = server;
            return Task.CompletedTask;
        });
        world.AddService("pitch", "Pitch", "pitch.test", null, web.UriFor("pitch.test"));

        var report = await LoopbackBot.CheckAsync(world, "pitch");

        var http = Assert.Single(report.Probes, probe => probe.HttpStatus == 503);
        Assert.Equal($"503 {pitch[..(ServerText.MaxLength - 1)]}…, server: {server[..(ServerText.MaxLength - 1)]}…", http.Detail);
    }
}
