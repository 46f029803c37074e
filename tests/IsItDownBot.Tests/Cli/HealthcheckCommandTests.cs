using System.Net;
using IsItDownBot.Testing;
using Microsoft.AspNetCore.Http;

namespace IsItDownBot.Tests.Cli;

/// <summary><c>healthcheck --url</c>: host and port mean the bot's /healthz; an address with a path is asked as it is.</summary>
public sealed class HealthcheckCommandTests
{
    [Fact]
    public async Task Healthcheck_WithAUrlWithAPath_AsksExactlyThatAddress()
    {
        var asked = new List<string>();
        await using var proxy = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, context =>
        {
            lock (asked)
            {
                asked.Add(context.Request.Path);
            }

            context.Response.StatusCode = context.Request.Path == "/bot/healthz" ? 200 : 404;
            return Task.CompletedTask;
        });

        var run = await CliRun.InvokeAsync("healthcheck", "--url", $"http://127.0.0.1:{proxy.Port}/bot/healthz");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(["/bot/healthz"], asked);
    }

    [Fact]
    public async Task Healthcheck_WithAHostAndPort_AsksHealthzAndReportsAnotherStatusWithTheAddress()
    {
        await using var server = await LoopbackHttpsServer.StartAsync(IPAddress.Loopback, certificate: null, context =>
        {
            context.Response.StatusCode = context.Request.Path == "/healthz" ? 503 : 404;
            return Task.CompletedTask;
        });

        var run = await CliRun.InvokeAsync("healthcheck", "--url", $"http://127.0.0.1:{server.Port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"http://127.0.0.1:{server.Port}/healthz answered 503", run.Error.TrimEnd());
    }

    [Fact]
    public async Task Healthcheck_WithAnHttpsUrl_SaysWhatAddressWouldDo()
    {
        var run = await CliRun.InvokeAsync("healthcheck", "--url", "https://127.0.0.1:9464/healthz");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--url: 'https://127.0.0.1:9464/healthz' is not an http:// address to check", run.Error, StringComparison.Ordinal);
    }
}
