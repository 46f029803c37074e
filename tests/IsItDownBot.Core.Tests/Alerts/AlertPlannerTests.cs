using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Catalog;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;
using IsItDownBot.Core.Subscriptions;

namespace IsItDownBot.Core.Tests.Alerts;

public sealed class AlertPlannerTests
{
    private static readonly DateTimeOffset At = new(2021, 10, 4, 15, 42, 0, TimeSpan.Zero);
    private static readonly ServiceCatalog Catalog = new(
        [Service("facebook", "Facebook", "meta"), Service("instagram", "Instagram", "meta"), Service("whatsapp", "WhatsApp", "meta"), Service("discord", "Discord", null)],
        new Dictionary<string, string> { ["meta"] = "Meta" });

    private static readonly ChannelRef Group = new("telegram", "-100123");
    private static readonly ChannelRef Other = new("discord", "555");

    [Fact]
    public void Plan_WhenSeveralServicesOfAGroupGoDownTogether_SendsOneGroupedMessagePerChannel()
    {
        var transitions = new[] { Down("facebook"), Down("instagram"), Down("whatsapp") };
        var subscribers = new[] { Sub(Group, "facebook"), Sub(Group, "instagram"), Sub(Group, "whatsapp"), Sub(Other, "instagram") };

        var alerts = AlertPlanner.Plan(transitions, subscribers, [], Catalog);

        var grouped = Assert.Single(alerts, alert => alert.Channel == Group);
        Assert.Equal("Meta", grouped.Message.GroupName);
        Assert.Equal(["Facebook", "Instagram", "WhatsApp"], grouped.Message.Items.Select(item => item.ServiceName));
        Assert.Equal(["facebook", "instagram", "whatsapp"], grouped.ServiceIds);

        var single = Assert.Single(alerts, alert => alert.Channel == Other);
        Assert.Null(single.Message.GroupName);
        Assert.Equal("instagram", Assert.Single(single.Message.Items).ServiceId);
    }

    [Fact]
    public void Plan_ServicesOfDifferentGroupsOrDirections_AreSeparateMessages()
    {
        var transitions = new[] { Down("facebook"), Down("discord"), Up("instagram") };
        var subscribers = new[] { Sub(Group, "facebook"), Sub(Group, "discord"), Sub(Group, "instagram") };

        var alerts = AlertPlanner.Plan(transitions, subscribers, [], Catalog);

        Assert.Equal(3, alerts.Count);
        Assert.All(alerts, alert => Assert.Single(alert.Message.Items));
        Assert.Equal(TimeSpan.FromHours(6), alerts.Single(alert => alert.Message.Kind == TransitionKind.Up).Message.Items[0].Duration);
    }

    [Fact]
    public void Plan_ChannelsThatGetEverything_ReceiveEveryTransitionWithoutSubscribing()
    {
        var log = new ChannelRef("console", "log");

        var alerts = AlertPlanner.Plan([Down("discord")], [], [log], Catalog);

        Assert.Equal(log, Assert.Single(alerts).Channel);
    }

    [Fact]
    public void Plan_WritesEachChannelsAlertsInTheLanguageOfItsLatestSubscription()
    {
        var french = new ChannelRef("telegram", "-100");
        var subscribers = new[]
        {
            Sub(french, "discord"),
            new Subscription(french, "facebook", "admin", At.AddDays(1)) { Language = Language.French },
            Sub(Group, "discord"),
        };

        var alerts = AlertPlanner.Plan([Down("discord")], subscribers, [], Catalog);

        Assert.Equal(Language.French, alerts.Single(alert => alert.Channel == french).Message.Language);
        Assert.Equal(Language.English, alerts.Single(alert => alert.Channel == Group).Message.Language);
        Assert.Equal("DNS failure", alerts[0].Message.Items[0].SummaryIn(Language.French));
    }

    [Fact]
    public void Plan_UnderAGroupHeading_EachLineGivesItsServicesOwnSummary_WhileALoneAlertKeepsTheGroupWording()
    {
        var ownCause = new Cause(CauseCodes.HttpServerError, new Phrase("servers answer 503", "les serveurs répondent 503"), new Phrase("e", "e"));
        var groupCause = ownCause with
        {
            Summary = new Phrase("Meta-wide outage — servers answer 503", "Panne chez tout Meta — les serveurs répondent 503"),
            MemberSummary = ownCause.Summary,
        };
        var transitions = new[] { "facebook", "instagram" }
            .Select(id => new Transition(Catalog.Find(id)!, TransitionKind.Down, At, groupCause, At))
            .ToList();
        var subscribers = new[] { Sub(Group, "facebook"), Sub(Group, "instagram"), Sub(Other, "instagram") };

        var alerts = AlertPlanner.Plan(transitions, subscribers, [], Catalog);

        var grouped = alerts.Single(alert => alert.Channel == Group).Message;
        Assert.All(grouped.Items, item => Assert.Equal("servers answer 503", item.Summary));
        Assert.All(grouped.Items, item => Assert.Equal("les serveurs répondent 503", item.SummaryIn(Language.French)));
        var alone = Assert.Single(alerts.Single(alert => alert.Channel == Other).Message.Items);
        Assert.Equal("Meta-wide outage — servers answer 503", alone.Summary);
    }

    [Fact]
    public void Plan_NobodySubscribed_SendsNothing() =>
        Assert.Empty(AlertPlanner.Plan([Down("discord")], [Sub(Group, "facebook")], [], Catalog));

    private static ServiceDefinition Service(string id, string name, string? group) =>
        new(id, name, [], group, id + ".com", [new Uri($"https://www.{id}.com/")], []);

    private static Subscription Sub(ChannelRef channel, string serviceId) => new(channel, serviceId, "admin", At);

    private static Transition Down(string id) =>
        new(Catalog.Find(id)!, TransitionKind.Down, At, new Cause(CauseCodes.DnsServFail, new Phrase("DNS failure", "DNS failure"), new Phrase("e", "e")), At.AddMinutes(-2));

    private static Transition Up(string id) =>
        new(Catalog.Find(id)!, TransitionKind.Up, At, new Cause(CauseCodes.Ok, new Phrase("up", "up"), new Phrase("e", "e")), At.AddHours(-6), IncidentId: 7);
}
