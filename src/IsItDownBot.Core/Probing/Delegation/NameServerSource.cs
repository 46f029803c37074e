namespace IsItDownBot.Core.Probing.Delegation;

/// <summary>Where the zone's name servers were learnt from.</summary>
public enum NameServerSource
{
    None,

    /// <summary>The parent's referral, found by walking down from the root servers.</summary>
    Parent,

    /// <summary>The catalog's <c>NameServers</c> (the root servers are not configured or did not answer).</summary>
    Catalog,

    /// <summary>An NS lookup through the configured resolvers (the same fallback, for services the catalog names no servers for).</summary>
    Resolvers,
}
