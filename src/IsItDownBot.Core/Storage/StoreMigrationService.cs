using Microsoft.Extensions.Hosting;

namespace IsItDownBot.Core.Storage;

/// <summary>Creates or upgrades the database when the host starts, before anything else uses it.</summary>
public sealed class StoreMigrationService(IBotStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
