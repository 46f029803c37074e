using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Storage;
using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Cli;

/// <summary>
/// What the monitor of a bot running beside this command knows: its open incidents, read from its database
/// when there is one. A command never creates the database: without one there is simply no history.
/// </summary>
internal static class OpenIncidents
{
    public static async Task<IReadOnlyDictionary<string, Incident>> ReadAsync(IServiceProvider provider, IEnumerable<ServiceDefinition> services, CancellationToken cancellationToken)
    {
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (!storage.IsPostgres && !File.Exists(storage.Path))
        {
            return new Dictionary<string, Incident>();
        }

        var store = provider.GetRequiredService<IBotStore>();
        var open = new Dictionary<string, Incident>(StringComparer.Ordinal);
        try
        {
            foreach (var service in services.Where(service => !service.IsUserSupplied))
            {
                if (await store.OpenIncidentAsync(service.Id, cancellationToken) is { } incident)
                {
                    open[service.Id] = incident;
                }
            }
        }
        catch (DbException)
        {
            // Not a database of ours, or one from another version: the answer simply goes without history.
        }

        return open;
    }
}
