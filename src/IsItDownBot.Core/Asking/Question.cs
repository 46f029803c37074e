using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Asking;

/// <summary>A chat message, understood.</summary>
/// <param name="Target">
/// For Check, Subscribe and Unsubscribe, the catalog lookup of what was named (a service, a domain, or
/// Unknown with suggestions). Null when nothing was named.
/// </param>
/// <param name="AllServices">True for "/subscribe all" and "/unsubscribe all".</param>
public sealed record Question(Intent Intent, CatalogLookup? Target, bool AllServices = false)
{
    /// <summary>The language the message is written in, when its words tell; null when they do not ("/isitdown fb").</summary>
    public Language? Language { get; init; }

    public static Question Nothing { get; } = new(Intent.None, null);
}
