using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Delegation;

namespace IsItDownBot.Core.Explaining;

/// <summary>
/// What the zone's name servers, asked directly, add to a verdict the probes gave: a silent zone behind a
/// service that still works, or servers that are partly silent, lame or out of step. When resolvers fail,
/// the delegation already chose the cause (see <see cref="EndpointFinding"/>); this covers everything else.
/// Servers out of step are a note whatever the cause: they answer, so they explain no failure.
/// </summary>
internal static class DelegationReading
{
    public static Diagnosis Apply(ProbeEvidence evidence, Diagnosis diagnosis)
    {
        var delegation = evidence.Delegation;
        if (diagnosis.Verdict == Verdict.Unknown)
        {
            return diagnosis;
        }

        var texts = new DelegationTexts(evidence);
        if (delegation.Status == DelegationStatus.SerialMismatch)
        {
            return diagnosis with { Notes = [.. diagnosis.Notes, texts.SerialsDisagree()] };
        }

        if (IsDelegationCause(diagnosis.Cause.Code))
        {
            return diagnosis;
        }

        return delegation.Status switch
        {
            // Only when the parent zone answered: that proves direct DNS works from here, so the silence is theirs.
            DelegationStatus.Unreachable when delegation.Source == NameServerSource.Parent && diagnosis.Verdict == Verdict.Up =>
                new Diagnosis(Verdict.Degraded, texts.SilentWhileUp()) { Confidence = Confidence.Medium, Notes = diagnosis.Notes },
            DelegationStatus.PartlyUnreachable => diagnosis with { Notes = [.. diagnosis.Notes, texts.SomeSilent()] },
            DelegationStatus.Lame => diagnosis with { Notes = [.. diagnosis.Notes, texts.SomeLame()] },
            _ => diagnosis,
        };
    }

    /// <summary>Causes found by asking the zone's name servers directly: an independent witness of their own.</summary>
    public static bool IsDelegationCause(string code) =>
        code is CauseCodes.DnsAuthoritativeUnreachable or CauseCodes.DnsLameDelegation or CauseCodes.DnsResolverSide;
}
