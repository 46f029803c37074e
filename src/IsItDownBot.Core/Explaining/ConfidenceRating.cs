namespace IsItDownBot.Core.Explaining;

/// <summary>
/// Counts independent signals for and against a verdict. Independent means a different vantage or source:
/// two resolvers, two endpoints, the control hosts, the zone's own name servers, routing data, the operator's
/// status page, sibling services. Two probes of the same thing are one signal.
/// </summary>
public sealed class ConfidenceRating
{
    private int _agreeing;
    private int _contradicting;

    public ConfidenceRating Agrees(bool when = true)
    {
        if (when)
        {
            _agreeing++;
        }

        return this;
    }

    public ConfidenceRating Contradicts(bool when = true)
    {
        if (when)
        {
            _contradicting++;
        }

        return this;
    }

    /// <summary>High from three agreeing signals, medium from two; anything against it costs one level.</summary>
    public Confidence Result
    {
        get
        {
            var level = _agreeing >= 3 ? Confidence.High : _agreeing == 2 ? Confidence.Medium : Confidence.Low;
            return _contradicting > 0 && level > Confidence.Low ? level - 1 : level;
        }
    }

    /// <summary>One level more or less sure, within the scale.</summary>
    public static Confidence Raise(Confidence confidence) => confidence == Confidence.High ? confidence : confidence + 1;

    public static Confidence Lower(Confidence confidence) => confidence == Confidence.Low ? confidence : confidence - 1;
}
