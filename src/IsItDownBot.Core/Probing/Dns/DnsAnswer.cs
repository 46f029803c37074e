using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace IsItDownBot.Core.Probing.Dns;

/// <summary>Maps one DnsClient response, or the exception instead of one, to an outcome.</summary>
internal static class DnsAnswer
{
    public static (ProbeOutcome Outcome, string Detail) Classify(IDnsQueryResponse response)
    {
        return response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => (ProbeOutcome.Ok, "NOERROR"),
            DnsHeaderResponseCode.NotExistentDomain => (ProbeOutcome.DnsNxDomain, "NXDOMAIN (no such name)"),
            DnsHeaderResponseCode.ServerFailure => (ProbeOutcome.DnsServFail, "SERVFAIL"),
            DnsHeaderResponseCode.Refused => (ProbeOutcome.DnsRefused, "REFUSED"),
            var other => (ProbeOutcome.DnsError, $"response code {other}"),
        };
    }

    /// <summary>
    /// Whether <paramref name="exception"/> is how a DNS query fails: no answer, a refused or unreachable server, or an
    /// answer that is not DNS. DnsClient reads a malformed answer (random bytes behind the right id) with array
    /// arithmetic that can throw argument and index errors of its own; they are the server's fault, not the bot's.
    /// </summary>
    public static bool IsQueryFailure(Exception exception) =>
        exception is DnsResponseException or OperationCanceledException or TimeoutException or SocketException
            or ArgumentException or IndexOutOfRangeException or FormatException or InvalidDataException or OverflowException;

    public static (ProbeOutcome Outcome, string Detail) Classify(Exception exception, TimeSpan timeout) => exception switch
    {
        DnsResponseException { Code: DnsResponseCode.ConnectionTimeout } or TimeoutException =>
            (ProbeOutcome.Timeout, $"no answer within {Durations.Format(timeout)}"),
        OperationCanceledException => (ProbeOutcome.Timeout, "no answer before the round's deadline"),

        // The query could not even be sent or was rejected by the network: nothing answered.
        SocketException or DnsResponseException { InnerException: SocketException } =>
            (ProbeOutcome.Unreachable, $"unreachable ({exception.GetBaseException().Message})"),

        // Something answered, but not with a usable DNS response.
        DnsResponseException dns => (ProbeOutcome.DnsError, dns.DnsError),
        _ => (ProbeOutcome.DnsError, "an unreadable answer"),
    };

    /// <summary>
    /// As <see cref="Classify(Exception, TimeSpan)"/>, but a query cut short by the round's deadline says so:
    /// DnsClient reports a cancelled query as a timeout of its own.
    /// </summary>
    public static (ProbeOutcome Outcome, string Detail) Classify(Exception exception, TimeSpan timeout, CancellationToken deadline) =>
        deadline.IsCancellationRequested ? Classify(new OperationCanceledException(deadline), timeout) : Classify(exception, timeout);

    public static IReadOnlyList<IPAddress> Addresses(IDnsQueryResponse response) =>
    [
        .. response.Answers.ARecords().Select(record => record.Address),
        .. response.Answers.AaaaRecords().Select(record => record.Address),
    ];
}
