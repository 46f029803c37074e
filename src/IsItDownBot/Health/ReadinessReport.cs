using System.Text.Json.Serialization;
using IsItDownBot.Core.Health;

namespace IsItDownBot.Health;

/// <summary>The body of /readyz: every check by name, and why the ones that fail are not ready.</summary>
internal sealed record ReadinessReport(
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("checks")] IReadOnlyList<ReadinessEntry> Checks)
{
    // One slow check (a locked database) must not hold the answer: an orchestrator's probe has its own timeout.
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    public static async Task<ReadinessReport> RunAsync(IEnumerable<IReadinessCheck> checks, CancellationToken cancellationToken)
    {
        var entries = await Task.WhenAll(checks.Select(check => RunOneAsync(check, cancellationToken))).ConfigureAwait(false);
        return new ReadinessReport(entries.All(entry => entry.Ready), entries);
    }

    private static async Task<ReadinessEntry> RunOneAsync(IReadinessCheck check, CancellationToken cancellationToken)
    {
        try
        {
            var result = await check.CheckAsync(cancellationToken).WaitAsync(CheckTimeout, cancellationToken).ConfigureAwait(false);
            return new ReadinessEntry(check.Name, result.IsReady, result.Reason);
        }
        catch (TimeoutException)
        {
            return new ReadinessEntry(check.Name, false, $"no answer within {CheckTimeout.TotalSeconds:0} s");
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A check that throws is a check that failed: one broken check must not turn the whole report into an
            // empty 500, which would hide the others and the reason.
            return new ReadinessEntry(check.Name, false, $"the check failed ({exception.GetType().Name}: {exception.Message})");
        }
    }
}

/// <summary>One check in /readyz.</summary>
internal sealed record ReadinessEntry(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("ready")] bool Ready,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason);
