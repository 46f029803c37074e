using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.StatusPages;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Core.Tests.Probing;

public sealed class EvidenceHttpClientTests
{
    [Fact]
    public async Task Get_SendsTheConfiguredUserAgentAndAsksForJson()
    {
        string? userAgent = null, accept = null;
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            (userAgent, accept) = (context.Request.Headers.UserAgent, context.Request.Headers.Accept);
            return context.Response.WriteAsync("{}");
        });
        using var deadline = EvidenceSource.Deadline();

        var response = await source.Client.GetAsync(source.Root, deadline.Token);

        Assert.True(response.IsOk);
        Assert.Equal(EvidenceSource.UserAgent, userAgent);
        Assert.Equal("application/json", accept);
        Assert.Equal("{}"u8.ToArray(), response.Body.ToArray());
    }

    [Fact]
    public async Task Get_ReusesItsConnectionAcrossFetches()
    {
        var connections = new List<string>();
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            lock (connections)
            {
                connections.Add(context.Connection.Id);
            }

            return context.Response.WriteAsync("{}");
        });
        using var deadline = EvidenceSource.Deadline();

        await source.Client.GetAsync(source.Root, deadline.Token);
        await source.Client.GetAsync(source.Root, deadline.Token);

        Assert.Equal(2, connections.Count);
        Assert.Single(connections.Distinct());
    }

    [Fact]
    public async Task Get_FollowsAFewRedirects()
    {
        var page = new SimulatedStatusPage();
        page.SetStatus("minor", "Partial System Outage");
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            // The old page moved twice, as pages do when they change domain or add www.
            if (context.Request.Path.StartsWithSegments("/old", out var rest))
            {
                context.Response.Redirect("/moved" + rest);
                return Task.CompletedTask;
            }

            if (context.Request.Path.StartsWithSegments("/moved", out rest))
            {
                context.Response.Redirect(rest);
                return Task.CompletedTask;
            }

            return page.HandleAsync(context);
        });
        using var deadline = EvidenceSource.Deadline();

        var evidence = await new StatusPageProbe(source.Client, TimeProvider.System).FetchAsync(new Uri(source.Root, "old/"), deadline.Token);

        Assert.Equal(StatusPageState.Minor, evidence.State);
    }

    [Fact]
    public async Task Get_WhenRedirectsLoop_StopsAndReportsTheRedirect()
    {
        var requests = 0;
        await using var source = await EvidenceSource.StartAsync(context =>
        {
            Interlocked.Increment(ref requests);
            context.Response.Redirect(context.Request.Path);
            return Task.CompletedTask;
        });
        using var deadline = EvidenceSource.Deadline();

        var response = await source.Client.GetAsync(source.Root, deadline.Token);

        Assert.False(response.IsOk);
        Assert.Equal(302, response.Status);
        Assert.Equal(EvidenceHttpClient.MaxRedirects + 1, requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Get_WhenTheBodyIsTooLarge_StopsReadingAndReportsIt(bool announceLength)
    {
        var body = new byte[EvidenceHttpClient.MaxResponseBytes + 1];
        Array.Fill(body, (byte)' ');
        await using var source = await EvidenceSource.StartAsync(async context =>
        {
            if (announceLength)
            {
                context.Response.ContentLength = body.Length;
            }

            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });
        using var deadline = EvidenceSource.Deadline();

        var response = await source.Client.GetAsync(source.Root, deadline.Token);

        Assert.False(response.IsOk);
        Assert.Equal(EvidenceFailure.TooLarge, response.Failure);
        Assert.Equal("answered 200 with more than 1024 KB", response.Detail);
    }

    [Fact]
    public async Task Get_WhenTheBodyStallsPastTheDeadline_ReportsATimeout()
    {
        await using var source = await EvidenceSource.StartAsync(async context =>
        {
            context.Response.ContentLength = 100;
            await context.Response.WriteAsync("{\"status\":", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await LoopbackHttpsServer.Hang()(context);
        });
        using var deadline = EvidenceSource.ShortDeadline();

        var response = await source.Client.GetAsync(source.Root, deadline.Token);

        Assert.Equal(EvidenceFailure.Timeout, response.Failure);
        Assert.Equal("did not answer before the deadline", response.Detail);
    }

    [Fact]
    public async Task Get_WhenTheCertificateIsNotTrusted_ReportsUnreachable()
    {
        var page = new SimulatedStatusPage();
        await using var source = await EvidenceSource.StartAsync(page.HandleAsync, _ => ThrowawayCertificateAuthority.SelfSigned("127.0.0.1"));
        using var deadline = EvidenceSource.Deadline();

        var evidence = await new StatusPageProbe(source.Client, TimeProvider.System).FetchAsync(source.Root, deadline.Token);

        Assert.Equal(StatusPageState.Unavailable, evidence.State);
        Assert.StartsWith("status page could not be reached", evidence.Detail, StringComparison.Ordinal);
        Assert.Equal(0, page.RequestCount);
    }

    [Fact]
    public async Task Get_WhenNothingListens_ReportsUnreachable()
    {
        using var closed = new ClosedPort(System.Net.IPAddress.Loopback);
        await using var source = await EvidenceSource.StartAsync(context => Task.CompletedTask);
        using var deadline = EvidenceSource.Deadline();

        var response = await source.Client.GetAsync(new Uri($"https://127.0.0.1:{closed.Port}/"), deadline.Token);

        Assert.Equal(EvidenceFailure.Unreachable, response.Failure);
        Assert.Null(response.Status);
    }
}
