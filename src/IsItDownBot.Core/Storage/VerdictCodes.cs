using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Storage;

/// <summary>How a verdict is spelled in a store's <c>verdict</c> columns ('up', 'degraded', 'down', 'unknown'), the same in every provider.</summary>
internal static class VerdictCodes
{
    public static string From(Verdict verdict) => verdict.ToString().ToLowerInvariant();

    public static Verdict Parse(string code) => Enum.Parse<Verdict>(code, ignoreCase: true);
}
