namespace IsItDownBot.Core.Explaining;

/// <summary>How sure the bot is of its verdict: how many independent signals agree with it.</summary>
public enum Confidence
{
    /// <summary>One signal, or signals that disagree: the answer is worded "looks like".</summary>
    Low,

    /// <summary>Two independent signals agree.</summary>
    Medium,

    /// <summary>Three or more agree and none contradicts: the answer is worded "is".</summary>
    High,
}
