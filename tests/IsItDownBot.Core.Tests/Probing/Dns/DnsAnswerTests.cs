using System.Net.Sockets;
using DnsClient;
using IsItDownBot.Core.Probing;
using IsItDownBot.Core.Probing.Dns;

namespace IsItDownBot.Core.Tests.Probing.Dns;

/// <summary>How a failed query reads, including the errors DnsClient throws while reading an answer that is not DNS.</summary>
public sealed class DnsAnswerTests
{
    public static TheoryData<Exception> MalformedAnswers => new()
    {
        // What DnsClient 1.8 throws from its array arithmetic on random bytes behind a matching id (seen in the
        // garbage-resolver fault test).
        new ArgumentException("Offset and length were out of bounds for the array or count is greater than the number of elements from index to the end of the source collection."),
        new ArgumentOutOfRangeException("count"),
        new FormatException(),
    };

    [Theory]
    [MemberData(nameof(MalformedAnswers))]
    public void AMalformedAnswer_IsAQueryFailure_ReadAsAnUnreadableAnswer(Exception exception)
    {
        Assert.True(DnsAnswer.IsQueryFailure(exception));
        Assert.Equal((ProbeOutcome.DnsError, "an unreadable answer"), DnsAnswer.Classify(exception, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void NoAnswerAndUnreachable_KeepTheirOwnOutcomes()
    {
        Assert.Equal(ProbeOutcome.Timeout, DnsAnswer.Classify(new TimeoutException(), TimeSpan.FromSeconds(2)).Outcome);
        Assert.Equal(ProbeOutcome.Unreachable, DnsAnswer.Classify(new SocketException((int)SocketError.NetworkUnreachable), TimeSpan.FromSeconds(2)).Outcome);
        Assert.True(DnsAnswer.IsQueryFailure(new DnsResponseException("x")));
    }

    [Fact]
    public void TheBotsOwnBugs_AreNotQueryFailures() =>
        Assert.False(DnsAnswer.IsQueryFailure(new InvalidOperationException("a bug of the bot's")));
}
