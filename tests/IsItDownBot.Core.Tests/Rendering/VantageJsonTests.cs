using System.Text.Encodings.Web;
using System.Text.Json;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Rendering;
using static IsItDownBot.Core.Tests.Vantages.VantageCorrelationTests;

namespace IsItDownBot.Core.Tests.Rendering;

public sealed class VantageJsonTests
{
    // As ReportJson.Serialize writes it: French stays readable.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public void ToJson_ListsEachVantageWithItsVerdictCauseAndTime_InTheAskedLanguage()
    {
        var report = Report(Verdict.Down) with { Vantages = [Result("eu-west", Verdict.Down), Result("us-east", Verdict.Up)] };

        var json = ReportJson.ToJson(report, language: Language.French)["vantages"]!.ToJsonString(Relaxed);

        Assert.Equal(
            """[{"name":"eu-west","verdict":"down","cause":{"code":"http-server-error","summary":"Les serveurs de Facebook répondent 503"},"checkedAt":"2021-10-04T15:39:30.0000000+00:00"},"""
            + """{"name":"us-east","verdict":"up","cause":{"code":"ok","summary":"Fonctionne normalement"},"checkedAt":"2021-10-04T15:39:30.0000000+00:00"}]""",
            json);
    }

    [Fact]
    public void ToJson_WithoutOtherVantages_HasAnEmptyList()
    {
        Assert.Equal("[]", ReportJson.ToJson(Report(Verdict.Up))["vantages"]!.ToJsonString());
    }
}
