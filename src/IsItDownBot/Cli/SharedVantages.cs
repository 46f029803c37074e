using IsItDownBot.Core.Storage;
using IsItDownBot.Core.Vantages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Cli;

/// <summary>
/// The vantage board of a command run beside a bot: the bot's database when there is one, so that <c>check</c>
/// hears the other vantage points too; otherwise this vantage alone, because a command never creates the database.
/// </summary>
internal static class SharedVantages
{
    public static IVantageBoard Board(IServiceProvider provider)
    {
        var storage = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        return File.Exists(storage.Path)
            ? new StoreVantageBoard(provider.GetRequiredService<IBotStore>())
            : LocalVantageBoard.Instance;
    }
}
