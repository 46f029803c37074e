using IsItDownBot.Core.Explaining;
using Microsoft.Extensions.Logging;

namespace IsItDownBot.Core.Checking;

/// <summary>The checker's log events: one per probe round, with the service and the verdict as properties.</summary>
internal static partial class CheckingLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "Probe round for {Service} started")]
    public static partial void RoundStarted(ILogger logger, string service);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Checked {Service}: {Verdict}, {CauseCode}, in {ElapsedMs} ms")]
    public static partial void RoundFinished(ILogger logger, string service, Verdict verdict, string causeCode, long elapsedMs);

    [LoggerMessage(EventId = 3, Level = LogLevel.Debug, Message = "Control hosts re-probed before blaming {Service}: the cached result predates the round")]
    public static partial void ControlRefreshed(ILogger logger, string service);
}
