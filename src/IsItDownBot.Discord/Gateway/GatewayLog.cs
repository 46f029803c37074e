using Microsoft.Extensions.Logging;

namespace IsItDownBot.Discord.Gateway;

/// <summary>
/// The gateway's log lines. Frames are never logged as they are: IDENTIFY and RESUME carry the token, so lines name
/// opcodes, event names and close codes only.
/// </summary>
internal static partial class GatewayLog
{
    [LoggerMessage(EventId = 550, Level = LogLevel.Information, Message = "Discord gateway: session {SessionId} ready (shard {ShardId}/{ShardCount})")]
    public static partial void Ready(ILogger logger, string sessionId, int shardId, int shardCount);

    [LoggerMessage(EventId = 551, Level = LogLevel.Information, Message = "Discord gateway: session {SessionId} resumed")]
    public static partial void Resumed(ILogger logger, string? sessionId);

    [LoggerMessage(EventId = 552, Level = LogLevel.Warning, Message = "Discord gateway: connection ended ({Reason}, close code {CloseCode}); reconnecting in {Delay} to {Action}")]
    public static partial void Reconnecting(ILogger logger, GatewayEndReason reason, int? closeCode, TimeSpan delay, string action);

    [LoggerMessage(EventId = 553, Level = LogLevel.Critical, Message = "Discord gateway: closed with {CloseCode}, {Explanation}. The Discord adapter stops")]
    public static partial void Fatal(ILogger logger, int closeCode, string explanation);

    [LoggerMessage(EventId = 554, Level = LogLevel.Warning, Message = "Discord gateway: ignored a frame that is not what Discord sends ({Problem})")]
    public static partial void Malformed(ILogger logger, string problem);

    [LoggerMessage(EventId = 555, Level = LogLevel.Warning, Message = "Discord gateway: no HEARTBEAT_ACK since the last heartbeat; the connection is a zombie, reconnecting")]
    public static partial void Zombie(ILogger logger);

    [LoggerMessage(EventId = 556, Level = LogLevel.Warning, Message = "Discord gateway: could not connect or stay connected ({Failure})")]
    public static partial void ConnectionFailed(ILogger logger, string failure);

    [LoggerMessage(EventId = 557, Level = LogLevel.Warning, Message = "Discord gateway: could not find the gateway URL ({Failure}); trying again")]
    public static partial void GatewayUrlFailed(ILogger logger, Exception exception, string failure);

    [LoggerMessage(EventId = 558, Level = LogLevel.Error, Message = "Discord gateway: not sending an op {Op} frame of {Bytes} bytes, over Discord's 4096")]
    public static partial void FrameTooLarge(ILogger logger, int op, int bytes);

    [LoggerMessage(EventId = 559, Level = LogLevel.Debug, Message = "Discord gateway: ignored op {Op}")]
    public static partial void UnknownOp(ILogger logger, int op);

    [LoggerMessage(EventId = 561, Level = LogLevel.Debug, Message = "Discord gateway: connecting to {Host} to {Action}")]
    public static partial void Connecting(ILogger logger, string host, string action);
}
