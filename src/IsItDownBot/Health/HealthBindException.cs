namespace IsItDownBot.Health;

/// <summary>Kestrel could not listen where <c>IsItDown:Health:Urls</c> says (the port is taken, the address is not this machine's).</summary>
internal sealed class HealthBindException(string urls, Exception inner)
    : Exception($"Cannot serve the health endpoints on {urls} ({HealthOptions.SectionName}:Urls): {inner.Message} "
        + $"Choose a free port in {HealthOptions.SectionName}:Urls, or set {HealthOptions.SectionName}:Enabled to false.", inner);
