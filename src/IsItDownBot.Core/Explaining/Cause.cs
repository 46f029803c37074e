namespace IsItDownBot.Core.Explaining;

/// <summary>Why the verdict is what it is.</summary>
/// <param name="Code">A stable code from <see cref="CauseCodes"/>, for scripts and translations.</param>
/// <param name="Summary">One line: "DNS failure: facebook.com's name servers are unreachable".</param>
/// <param name="Explanation">Two or three sentences a non-engineer understands.</param>
public sealed record Cause(string Code, Phrase Summary, Phrase Explanation);
