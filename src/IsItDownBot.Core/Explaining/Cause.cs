namespace IsItDownBot.Core.Explaining;

/// <summary>Why the verdict is what it is.</summary>
/// <param name="Code">A stable code from <see cref="CauseCodes"/>, for scripts and translations.</param>
/// <param name="Summary">One line: "DNS failure: facebook.com's name servers are unreachable".</param>
/// <param name="Explanation">Two or three sentences a non-engineer understands.</param>
public sealed record Cause(string Code, Phrase Summary, Phrase Explanation)
{
    /// <summary>
    /// The service's own summary when <see cref="Summary"/> is worded for its whole group ("Meta-wide outage — ..."):
    /// what a message that already names the group says of each member. Null when the summary is the service's own.
    /// </summary>
    public Phrase? MemberSummary { get; init; }

    /// <summary>The summary for a line under a heading that names the group.</summary>
    public Phrase SummaryAsMember => MemberSummary ?? Summary;
}
