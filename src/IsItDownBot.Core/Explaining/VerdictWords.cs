namespace IsItDownBot.Core.Explaining;

/// <summary>
/// The words after a service's name in an answer's headline. Confidence picks them: "is down" when several
/// independent signals agree, "looks down" when the bot has less to go on.
/// </summary>
public static class VerdictWords
{
    public static Phrase For(Verdict verdict, Confidence confidence)
    {
        var sure = confidence == Confidence.High;
        return verdict switch
        {
            Verdict.Up => sure ? new("is up", "fonctionne") : new("looks up", "semble fonctionner"),
            Verdict.Degraded => sure ? new("has problems", "a des problèmes") : new("seems to have problems", "semble avoir des problèmes"),
            Verdict.Down => sure ? new("is down", "est en panne") : new("looks down", "semble en panne"),
            _ => new("can't be checked right now", "ne peut pas être vérifié pour l’instant"),
        };
    }

    /// <summary>The confidence itself, for the evidence section: "high confidence" / "confiance élevée".</summary>
    public static Phrase Describe(Confidence confidence) => confidence switch
    {
        Confidence.High => new("high confidence", "confiance élevée"),
        Confidence.Medium => new("medium confidence", "confiance moyenne"),
        _ => new("low confidence", "confiance faible"),
    };
}
