namespace IsItDownBot.Core.Probing.Routing;

/// <summary>Whether the internet's routers can reach an address, as the public route collectors see it.</summary>
public enum RouteState
{
    /// <summary>At least one route collector sees a prefix covering the address.</summary>
    Announced,

    /// <summary>The routing data source answered, and no collector sees any prefix covering the address.</summary>
    Withdrawn,

    /// <summary>The source could not be asked or its answer was not understood: nothing is known.</summary>
    Unknown,
}
