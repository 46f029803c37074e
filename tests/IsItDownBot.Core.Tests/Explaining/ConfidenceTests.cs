using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Probing;
using static IsItDownBot.Core.Tests.Explaining.EvidenceBuilder;

namespace IsItDownBot.Core.Tests.Explaining;

public sealed class ConfidenceTests
{
    private const string Www = "https://www.facebook.com/";
    private const string Graph = "https://graph.facebook.com/";
    private static readonly TimeSpan SlowAfter = TimeSpan.FromSeconds(2);

    [Fact]
    public void Explain_WhenEveryEndpointAnswersThroughEveryResolver_IsSureItIsUp()
    {
        var diagnosis = Explainer.Explain(Round([Healthy(Www), Healthy(Graph)]), SlowAfter);

        Assert.Equal(Confidence.High, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_WhenOneAddressOfOneEndpointAnswers503_OnlySaysItLooksDown()
    {
        // One server's word, and the control hosts saying the bot's network is fine: two signals, not three.
        var diagnosis = Explainer.Explain(Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503)]), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(Confidence.Medium, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_WhenTwoEndpointsAnswer503_IsSureItIsDown()
    {
        var diagnosis = Explainer.Explain(
            Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 502)]), SlowAfter);

        Assert.Equal(Confidence.High, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_AddressesTheBotHasNoRouteTo_AreNotWitnessesOfTheFailure()
    {
        // One IPv4 address timing out is one server's word; IPv6 attempts that never left the bot add nothing.
        var www = TcpFails(Www, ProbeOutcome.Timeout) with
        {
            Tcp = [Probe(ProbeKind.Tcp, ProbeOutcome.Timeout), NoRouteFromHere("2a03:2880::1"), NoRouteFromHere("2a03:2880::2")],
        };

        var diagnosis = Explainer.Explain(Round([www]), SlowAfter);

        Assert.Equal(Verdict.Down, diagnosis.Verdict);
        Assert.Equal(Confidence.Medium, diagnosis.Confidence);
    }

    [Fact]
    public void Explain_WhenNoControlHostIsConfigured_HasOneSignalLess()
    {
        var evidence = Round([HttpAnswers(Www, ProbeOutcome.HttpServerError, 503), HttpAnswers(Graph, ProbeOutcome.HttpServerError, 502)], control: ControlEvidence.None);

        Assert.Equal(Confidence.Medium, Explainer.Explain(evidence, SlowAfter).Confidence);
    }

    [Fact]
    public void Explain_WhenTheBotsOwnNetworkFails_HasLowConfidence()
    {
        var evidence = Round([DnsFails(Www, ProbeOutcome.Timeout)], control: Control(reachable: false));

        var diagnosis = Explainer.Explain(evidence, SlowAfter);

        Assert.Equal(Verdict.Unknown, diagnosis.Verdict);
        Assert.Equal(Confidence.Low, diagnosis.Confidence);
    }

    [Theory]
    [InlineData(0, 0, Confidence.Low)]
    [InlineData(1, 0, Confidence.Low)]
    [InlineData(2, 0, Confidence.Medium)]
    [InlineData(3, 0, Confidence.High)]
    [InlineData(5, 0, Confidence.High)]
    [InlineData(3, 1, Confidence.Medium)]
    [InlineData(2, 1, Confidence.Low)]
    [InlineData(1, 2, Confidence.Low)]
    public void Rating_CountsAgreeingSignalsAndLosesALevelForAContradiction(int agreeing, int contradicting, Confidence expected)
    {
        var rating = new ConfidenceRating();
        for (var i = 0; i < agreeing; i++)
        {
            rating.Agrees();
        }

        for (var i = 0; i < contradicting; i++)
        {
            rating.Contradicts();
        }

        Assert.Equal(expected, rating.Result);
    }

    [Theory]
    [InlineData(Verdict.Down, Confidence.High, "is down", "est en panne")]
    [InlineData(Verdict.Down, Confidence.Medium, "looks down", "semble en panne")]
    [InlineData(Verdict.Up, Confidence.High, "is up", "fonctionne")]
    [InlineData(Verdict.Up, Confidence.Low, "looks up", "semble fonctionner")]
    [InlineData(Verdict.Degraded, Confidence.High, "has problems", "a des problèmes")]
    [InlineData(Verdict.Degraded, Confidence.Medium, "seems to have problems", "semble avoir des problèmes")]
    [InlineData(Verdict.Unknown, Confidence.High, "can't be checked right now", "ne peut pas être vérifié pour l’instant")]
    public void VerdictWords_FollowTheConfidence(Verdict verdict, Confidence confidence, string english, string french)
    {
        var words = VerdictWords.For(verdict, confidence);

        Assert.Equal(english, words.English);
        Assert.Equal(french, words.French);
    }
}
