using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Asking;

/// <summary>A chat message, understood.</summary>
/// <param name="Target">
/// For Check, Subscribe and Unsubscribe, the catalog lookup of what was named (a service, a domain, or
/// Unknown with suggestions). Null when nothing was named.
/// </param>
/// <param name="AllServices">True for "/subscribe all" and "/unsubscribe all".</param>
public sealed record Question(Intent Intent, CatalogLookup? Target, bool AllServices = false)
{
    public static Question Nothing { get; } = new(Intent.None, null);
}
