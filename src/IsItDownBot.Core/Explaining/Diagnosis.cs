namespace IsItDownBot.Core.Explaining;

/// <summary>The explainer's answer: a verdict and its cause.</summary>
public sealed record Diagnosis(Verdict Verdict, Cause Cause);
