using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Tests.Checking;

public sealed class GroupCorrelationTests
{
    private static readonly ServiceCatalog Catalog = new(
        [Service("facebook", "Facebook", "meta"), Service("instagram", "Instagram", "meta"), Service("whatsapp", "WhatsApp", "meta"), Service("discord", "Discord", null)],
        new Dictionary<string, string> { ["meta"] = "Meta" });

    [Fact]
    public void Notes_WhenEveryCheckedMetaServiceFailsTheSameWay_SaysMetaWide()
    {
        // As on 4 October 2021: Facebook's name servers were known to be silent, its siblings' simply failed.
        var reports = new[]
        {
            Report(Catalog.Services[0], Verdict.Down, CauseCodes.DnsAuthoritativeUnreachable),
            Report(Catalog.Services[1], Verdict.Down, CauseCodes.DnsServFail),
            Report(Catalog.Services[2], Verdict.Down, CauseCodes.DnsServFail),
        };

        var note = Assert.Single(GroupCorrelation.Notes(reports, Catalog));

        Assert.Equal(
            "Facebook, Instagram and WhatsApp all fail the same way (DNS): this looks like a Meta-wide problem, not one app's.",
            note.English);
        Assert.Equal(
            "Facebook, Instagram et WhatsApp échouent tous de la même façon (DNS) : cela ressemble à un problème chez tout Meta, pas à celui d’une seule application.",
            note.French);
    }

    [Fact]
    public void Notes_WhenOneGroupMemberWorks_SaysNothing()
    {
        var reports = new[]
        {
            Report(Catalog.Services[0], Verdict.Down, CauseCodes.HttpServerError),
            Report(Catalog.Services[1], Verdict.Up, CauseCodes.Ok),
        };

        Assert.Empty(GroupCorrelation.Notes(reports, Catalog));
    }

    [Fact]
    public void Notes_WhenMembersFailDifferently_SaysNothing()
    {
        var reports = new[]
        {
            Report(Catalog.Services[0], Verdict.Down, CauseCodes.HttpServerError),
            Report(Catalog.Services[1], Verdict.Down, CauseCodes.TcpRefused),
        };

        Assert.Empty(GroupCorrelation.Notes(reports, Catalog));
    }

    private static ServiceDefinition Service(string id, string name, string? group) =>
        new(id, name, [], group, id + ".com", [new Uri($"https://www.{id}.com/")], []);

    private static StatusReport Report(ServiceDefinition service, Verdict verdict, string code) =>
        new(service, verdict, new Cause(code, new Phrase("s", "s"), new Phrase("e", "e")), DateTimeOffset.UnixEpoch, TimeSpan.Zero, []);
}
