using IsItDownBot.Core.Probing;

namespace IsItDownBot.Core.Tests.Probing;

public sealed class ServerTextTests
{
    [Fact]
    public void Clip_AShortHonestText_KeepsItAsItIs()
    {
        Assert.Equal("Service Unavailable", ServerText.Clip("Service Unavailable"));
        Assert.Equal("", ServerText.Clip(null));
    }

    [Fact]
    public void Clip_ALongText_CutsItToTheLimitWithAnEllipsis()
    {
        var clipped = ServerText.Clip(new string('a', 200));

        Assert.Equal(ServerText.MaxLength, clipped.Length);
        Assert.Equal(new string('a', ServerText.MaxLength - 1) + "…", clipped);
    }

    [Fact]
    public void Clip_ATextOfExactlyTheLimit_IsNotCut()
    {
        var text = new string('a', ServerText.MaxLength);

        Assert.Equal(text, ServerText.Clip(text));
    }

    [Fact]
    public void Clip_ControlAndInvisibleFormattingCharacters_AreRemoved()
    {
        // A line break could forge a line of the bot's message; a right-to-left override could disguise a link.
        Assert.Equal("OKFake alert: moc.elgoog", ServerText.Clip("OK\r\nFake alert:\u0007 \u202Emoc.elgoog"));
    }

    [Fact]
    public void Clip_NeverSplitsASurrogatePair()
    {
        var clipped = ServerText.Clip(new string('a', ServerText.MaxLength - 2) + "😀😀😀");

        Assert.Equal(new string('a', ServerText.MaxLength - 2) + "…", clipped);
    }
}
