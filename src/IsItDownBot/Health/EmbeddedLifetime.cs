using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Health;

/// <summary>
/// The health server lives inside the bot's host: the bot's lifetime owns Ctrl+C and SIGTERM and stops it. The
/// default console lifetime would hook the signals a second time and print its own start-up banner.
/// </summary>
internal sealed class EmbeddedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
