namespace IsItDownBot.Core.Explaining;

public enum Verdict
{
    Up,

    /// <summary>Works, but partly, slowly, or only through some resolvers.</summary>
    Degraded,

    Down,

    /// <summary>The bot cannot tell: its own network fails, or it may not probe the target.</summary>
    Unknown,
}
