namespace IsItDownBot.Core.Explaining;

/// <summary>The explainer's answer: a verdict, its cause, how sure the bot is, and what else it noticed.</summary>
public sealed record Diagnosis(Verdict Verdict, Cause Cause)
{
    public Confidence Confidence { get; init; } = Confidence.Low;

    /// <summary>Further evidence in words: what the status page admits, what could not be checked.</summary>
    public IReadOnlyList<Phrase> Notes { get; init; } = [];
}
