using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Vantages;
using static IsItDownBot.Core.Tests.Vantages.VantageCorrelationTests;

namespace IsItDownBot.Core.Tests.Vantages;

public sealed class VantageTallyTests
{
    [Fact]
    public void Uncounted_AnotherVantagesResult_CountsInTheFirstRoundThatSeesItOnly()
    {
        var tally = new VantageTally();
        var own = Result("eu-west", Verdict.Up);
        var other = Result("us-east", Verdict.Down);

        var first = tally.Uncounted("eu-west", [own, other]);
        var second = tally.Uncounted("eu-west", [own, other]);
        var newer = other with { CheckedAt = other.CheckedAt.AddMinutes(1) };
        var third = tally.Uncounted("eu-west", [own, newer]);

        Assert.Equal([own, other], first);
        Assert.Equal([own], second);
        Assert.Equal([own, newer], third);
    }

    [Fact]
    public void Uncounted_KeepsEachServiceAndVantageApart_AndAlwaysCountsItsOwn()
    {
        var tally = new VantageTally();
        var facebook = Result("us-east", Verdict.Down);
        var instagram = facebook with { ServiceId = "instagram" };
        var fromApSouth = facebook with { Vantage = "ap-south" };
        tally.Uncounted("eu-west", [facebook]);

        Assert.Equal([instagram, fromApSouth], tally.Uncounted("eu-west", [instagram, fromApSouth]));
        Assert.Equal([facebook], tally.Uncounted("us-east", [facebook]));
    }
}
