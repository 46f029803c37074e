using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Vantages;

namespace IsItDownBot.Core.Tests.Vantages;

public sealed class VantageCorrelationTests
{
    private static readonly DateTimeOffset At = new(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", [], "meta", "facebook.com", [new Uri("https://www.facebook.com/")], []);
    private static readonly Cause ServerErrors = new(CauseCodes.HttpServerError, new("Facebook's servers answer 503", "Les serveurs de Facebook répondent 503"), new("E", "F"));
    private static readonly Cause Ok = new(CauseCodes.Ok, new("Working normally", "Fonctionne normalement"), new("E", "F"));

    [Fact]
    public void InContext_WithNoOtherVantage_ReturnsTheReportUnchanged()
    {
        var own = Report(Verdict.Down);

        Assert.Same(own, VantageCorrelation.InContext(own, "eu-west", []));
        Assert.Same(own, VantageCorrelation.InContext(own, "eu-west", [Result("eu-west", Verdict.Up)]));
    }

    [Fact]
    public void InContext_WhenEveryVantageSeesItDown_SaysSoInBothLanguagesAndRaisesConfidence()
    {
        var own = Report(Verdict.Down, Confidence.Low);

        var report = VantageCorrelation.InContext(own, "eu-west", [Result("us-east", Verdict.Down), Result("ap-south", Verdict.Down)]);

        Assert.Equal(new Phrase("Down from 3 of 3 regions (eu-west, ap-south, us-east).", "En panne depuis 3 régions sur 3 (eu-west, ap-south, us-east)."), report.Notes[0]);
        Assert.Equal(Confidence.High, report.Confidence);
        Assert.Equal(Verdict.Down, report.Verdict);
        Assert.Equal(["eu-west", "ap-south", "us-east"], report.Vantages.Select(vantage => vantage.Vantage));
    }

    [Fact]
    public void InContext_WhenOnlyThisVantageFails_CallsItRegionalAndLowersConfidence()
    {
        var own = Report(Verdict.Down, Confidence.Medium);

        var report = VantageCorrelation.InContext(own, "eu-west", [Result("us-east", Verdict.Up), Result("ap-south", Verdict.Up)]);

        Assert.Equal(new Phrase(
            "Fails only from eu-west: a regional problem; ap-south and us-east reach it.",
            "Échoue seulement depuis eu-west : un problème régional ; ap-south et us-east y accèdent."), report.Notes[0]);
        Assert.Equal(Confidence.Low, report.Confidence);
        Assert.Equal(Verdict.Down, report.Verdict);
    }

    [Fact]
    public void InContext_WhenAnotherVantageFailsAndThisOneWorks_NamesTheOtherAsRegional()
    {
        var own = Report(Verdict.Up, Confidence.High);

        var report = VantageCorrelation.InContext(own, "us-east", [Result("eu-west", Verdict.Down)]);

        Assert.Equal(new Phrase(
            "Fails only from eu-west: a regional problem; us-east reaches it.",
            "Échoue seulement depuis eu-west : un problème régional ; us-east y accède."), report.Notes[0]);
        Assert.Equal(Confidence.Medium, report.Confidence);
    }

    [Fact]
    public void InContext_WhenSomeButNotAllFail_CountsTheRegions()
    {
        var report = VantageCorrelation.InContext(Report(Verdict.Down), "eu-west", [Result("us-east", Verdict.Down), Result("ap-south", Verdict.Up)]);

        Assert.Equal(new Phrase(
            "Down from 2 of 3 regions (eu-west, us-east); ap-south reaches it.",
            "En panne depuis 2 régions sur 3 (eu-west, us-east) ; ap-south y accède."), report.Notes[0]);
    }

    [Fact]
    public void InContext_WhenEveryVantageReachesIt_AddsNoNoteButIsSurer()
    {
        var report = VantageCorrelation.InContext(Report(Verdict.Up, Confidence.Medium), "eu-west", [Result("us-east", Verdict.Up)]);

        Assert.Empty(report.Notes);
        Assert.Equal(Confidence.High, report.Confidence);
        Assert.Equal(2, report.Vantages.Count);
    }

    [Fact]
    public void InContext_AVantageThatCouldNotTell_NeitherAgreesNorDisagrees()
    {
        var own = Report(Verdict.Down, Confidence.Medium);

        var report = VantageCorrelation.InContext(own, "eu-west", [Result("us-east", Verdict.Unknown)]);

        Assert.Empty(report.Notes);
        Assert.Equal(Confidence.Medium, report.Confidence);
        Assert.Equal(2, report.Vantages.Count);
    }

    internal static StatusReport Report(Verdict verdict, Confidence confidence = Confidence.Medium) =>
        new(Facebook, verdict, verdict == Verdict.Down ? ServerErrors : Ok, At, TimeSpan.FromSeconds(1), []) { Confidence = confidence };

    internal static VantageResult Result(string vantage, Verdict verdict) =>
        new(vantage, "facebook", verdict, verdict == Verdict.Down ? ServerErrors.Code : Ok.Code,
            verdict == Verdict.Down ? ServerErrors.Summary : Ok.Summary, At.AddSeconds(-30));
}
