using System.Data.Common;
using IsItDownBot.Core.Checking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Vantages;

/// <summary>
/// Shares each probe round with the other vantage points: records this one's result on the board, then tells the
/// report in the light of the others' fresh results. Kept out of <see cref="StatusChecker"/> so that probing and
/// sharing stay separate jobs.
/// </summary>
public sealed partial class VantagePoints
{
    private static readonly TimeSpan ShareTimeout = TimeSpan.FromSeconds(5);

    // Clocks kept by NTP agree within milliseconds; a minute is a clock that is wrong.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    private readonly IVantageBoard _board;
    private readonly VantageOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public VantagePoints(IVantageBoard board, IOptions<VantageOptions> options, TimeProvider time, ILogger<VantagePoints>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _board = board;
        _options = options.Value;
        _time = time;
        _logger = logger ?? NullLogger<VantagePoints>.Instance;
    }

    /// <summary>This instance's vantage point.</summary>
    public string Name => _options.Name;

    /// <summary>The report, with the other vantage points' view of its service when they have a fresh one.</summary>
    public async Task<StatusReport> ShareAsync(StatusReport local)
    {
        ArgumentNullException.ThrowIfNull(local);

        // A domain a user typed is not shared: the board would grow with every domain anyone asked about once.
        if (local.Service.IsUserSupplied)
        {
            return local;
        }

        // Not under the round's deadline: the round is over, and a result worth sharing is one that took long. But
        // bounded: a database that stopped answering must not hold every answer for its driver's timeouts.
        using var timeout = new CancellationTokenSource(ShareTimeout, _time);
        try
        {
            await _board.RecordAsync(VantageResult.From(Name, local), timeout.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var others = await _board.ResultsAsync(local.Service.Id, now - _options.Freshness, timeout.Token).ConfigureAwait(false);

            // A result from the future comes from a clock that runs ahead: it would look fresh for too long.
            return VantageCorrelation.InContext(local, Name, [.. others.Where(result => result.CheckedAt <= now + ClockSkew)]);
        }
        catch (DbException exception)
        {
            // A database that is locked, unreachable or not yet migrated must not cost the user the answer itself.
            LogShareFailed(_logger, exception, local.Service.Id);
            return local;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested)
        {
            LogShareFailed(_logger, exception, local.Service.Id);
            return local;
        }
    }

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Could not share the result for {Service} with the other vantage points; answering from this one alone")]
    private static partial void LogShareFailed(ILogger logger, Exception exception, string service);
}
