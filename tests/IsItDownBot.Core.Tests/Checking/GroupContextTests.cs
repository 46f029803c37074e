using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Tests.Checking;

/// <summary>A question about one Meta service is answered in the light of its siblings.</summary>
public sealed class GroupContextTests
{
    private static readonly ServiceDefinition Facebook = Service("facebook", "Facebook");
    private static readonly ServiceDefinition Instagram = Service("instagram", "Instagram");
    private static readonly ServiceDefinition WhatsApp = Service("whatsapp", "WhatsApp");

    [Fact]
    public void InContext_WhenSiblingsFailAtTheSameLayer_WordsTheCauseForTheGroupAndIsSurer()
    {
        var own = Report(Facebook, Verdict.Down, CauseCodes.DnsAuthoritativeUnreachable, Confidence.Medium);

        var answer = GroupCorrelation.InContext(own, [Report(Instagram, Verdict.Down, CauseCodes.DnsServFail), Report(WhatsApp, Verdict.Down, CauseCodes.DnsServFail)], "Meta");

        Assert.Equal("Meta-wide outage — DNS failure", answer.Cause.Summary.English);
        Assert.Equal("Panne chez tout Meta — Panne DNS", answer.Cause.Summary.French);
        Assert.Equal(CauseCodes.DnsAuthoritativeUnreachable, answer.Cause.Code);
        Assert.Equal(Confidence.High, answer.Confidence);
        var note = Assert.Single(answer.Notes);
        Assert.Equal("Instagram and WhatsApp are down too, the same way (DNS): this is a problem across Meta, not just Facebook.", note.English);
        Assert.Equal("Instagram et WhatsApp sont aussi en panne, de la même façon (DNS) : le problème touche tout Meta, pas seulement Facebook.", note.French);
    }

    [Fact]
    public void InContext_WhenSiblingsWork_SaysTheProblemIsLimitedToThisService()
    {
        var own = Report(Facebook, Verdict.Down, CauseCodes.HttpServerError, Confidence.Medium);

        var answer = GroupCorrelation.InContext(own, [Report(Instagram, Verdict.Up, CauseCodes.Ok), Report(WhatsApp, Verdict.Up, CauseCodes.Ok)], "Meta");

        Assert.Equal(own.Cause, answer.Cause);
        Assert.Equal(Confidence.Medium, answer.Confidence);
        Assert.Equal("Instagram and WhatsApp work: the problem is limited to Facebook.", Assert.Single(answer.Notes).English);
    }

    [Fact]
    public void InContext_WhenThisServiceWorksButASiblingIsDown_MentionsTheSibling()
    {
        var own = Report(Facebook, Verdict.Up, CauseCodes.Ok, Confidence.High);

        var answer = GroupCorrelation.InContext(own, [Report(Instagram, Verdict.Down, CauseCodes.HttpServerError), Report(WhatsApp, Verdict.Up, CauseCodes.Ok)], "Meta");

        Assert.Equal(Verdict.Up, answer.Verdict);
        Assert.Equal("Instagram est en panne, mais Facebook fonctionne d’ici.", Assert.Single(answer.Notes).French);
    }

    [Fact]
    public void InContext_WhenSiblingsFailAtAnotherLayer_DoesNotCallItGroupWide()
    {
        var own = Report(Facebook, Verdict.Down, CauseCodes.HttpServerError, Confidence.Medium);

        var answer = GroupCorrelation.InContext(own, [Report(Instagram, Verdict.Down, CauseCodes.TcpTimeout)], "Meta");

        Assert.Equal(own.Cause, answer.Cause);
        Assert.Empty(answer.Notes);
    }

    private static ServiceDefinition Service(string id, string name) =>
        new(id, name, [], "meta", id + ".com", [new Uri($"https://www.{id}.com/")], []);

    private static StatusReport Report(ServiceDefinition service, Verdict verdict, string code, Confidence confidence = Confidence.Medium) =>
        new(service, verdict, new Cause(code, new Phrase("DNS failure", "Panne DNS"), new Phrase("e", "e")), DateTimeOffset.UnixEpoch, TimeSpan.Zero, [])
        {
            Confidence = confidence,
        };
}
