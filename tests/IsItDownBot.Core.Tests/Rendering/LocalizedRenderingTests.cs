using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Rendering;

namespace IsItDownBot.Core.Tests.Rendering;

public sealed class LocalizedRenderingTests
{
    private static readonly DateTimeOffset At = new(2021, 10, 4, 15, 40, 0, TimeSpan.Zero);
    private static readonly ServiceDefinition Facebook = new("facebook", "Facebook", [], "meta", "facebook.com", [new Uri("https://www.facebook.com/")], []);

    [Fact]
    public void ReportJson_InFrench_GivesTheWordsInFrenchAndKeepsCodes()
    {
        var report = new StatusReport(Facebook, Verdict.Down, new Cause(CauseCodes.HttpServerError, new Phrase("answers 503", "répond 503"), new Phrase("broken", "cassé")), At, TimeSpan.Zero, [])
        {
            Confidence = Confidence.Medium,
            Notes = [new Phrase("Instagram works.", "Instagram fonctionne.")],
        };

        var json = ReportJson.ToJson(report, language: Language.French);

        Assert.Equal("down", (string?)json["verdict"]);
        Assert.Equal("medium", (string?)json["confidence"]);
        Assert.Equal("fr", (string?)json["language"]);
        Assert.Equal("Facebook semble en panne", (string?)json["headline"]);
        Assert.Equal(CauseCodes.HttpServerError, (string?)json["cause"]!["code"]);
        Assert.Equal("répond 503", (string?)json["cause"]!["summary"]);
        Assert.Equal("cassé", (string?)json["cause"]!["explanation"]);
        Assert.Equal("Instagram fonctionne.", (string?)json["notes"]![0]);
    }

    [Fact]
    public void AlertText_ForAFrenchChannel_IsInFrench()
    {
        var down = new AlertMessage(TransitionKind.Down, null, [new AlertItem("facebook", "Facebook", CauseCodes.HttpServerError, "answers 503", At) { SummaryFrench = "répond 503" }])
        {
            Language = Language.French,
        };
        var back = new AlertMessage(TransitionKind.Up, null, [new AlertItem("facebook", "Facebook", CauseCodes.Ok, "ok", At, TimeSpan.FromHours(6))])
        {
            Language = Language.French,
        };

        Assert.Equal("EN PANNE : Facebook est en panne depuis le 2021-10-04 15:40 UTC. répond 503", AlertText.Render(down));
        Assert.Equal("RÉTABLI : Facebook fonctionne de nouveau après 6 h.", AlertText.Render(back));
    }

    [Fact]
    public void AlertItem_QueuedBeforeFrenchExisted_FallsBackToEnglish()
    {
        var item = new AlertItem("facebook", "Facebook", CauseCodes.HttpServerError, "answers 503", At);

        Assert.Equal("answers 503", item.SummaryIn(Language.French));
    }

    [Theory]
    [InlineData("fr", Language.French)]
    [InlineData("fr-CA", Language.French)]
    [InlineData("fr_FR.UTF-8", Language.French)]
    [InlineData("FR", Language.French)]
    [InlineData("en_US.UTF-8", Language.English)]
    [InlineData("de", Language.English)]
    [InlineData("", Language.English)]
    [InlineData(null, Language.English)]
    public void Languages_FromCode_PicksFrenchOnlyForFrench(string? code, Language expected) =>
        Assert.Equal(expected, Languages.FromCode(code));
}
