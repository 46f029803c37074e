using IsItDownBot.Core.Health;
using IsItDownBot.Health;

namespace IsItDownBot.Tests.Health;

/// <summary>The /readyz report over checks that answer, fail or throw.</summary>
public sealed class ReadinessReportTests
{
    [Fact]
    public async Task RunAsync_ACheckThatThrows_IsNotReadyWithTheExceptionAsItsReason_AndTheOtherChecksStillReport()
    {
        IReadinessCheck[] checks =
        [
            new FixedCheck("database", () => throw new ObjectDisposedException("SQLitePCL.sqlite3")),
            new FixedCheck("telegram", () => Task.FromResult(ReadinessResult.Ready)),
        ];

        var report = await ReadinessReport.RunAsync(checks, CancellationToken.None);

        Assert.False(report.Ready);
        var database = Assert.Single(report.Checks, entry => entry.Name == "database");
        Assert.False(database.Ready);
        Assert.Contains("ObjectDisposedException", database.Reason, StringComparison.Ordinal);
        Assert.Contains("SQLitePCL.sqlite3", database.Reason, StringComparison.Ordinal);
        Assert.True(Assert.Single(report.Checks, entry => entry.Name == "telegram").Ready);
    }

    [Fact]
    public async Task RunAsync_WhenTheRequestIsAborted_DoesNotCallItAFailedCheck()
    {
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();
        IReadinessCheck[] checks = [new FixedCheck("database", () => throw new OperationCanceledException(aborted.Token))];

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ReadinessReport.RunAsync(checks, aborted.Token));
    }

    private sealed class FixedCheck(string name, Func<Task<ReadinessResult>> answer) : IReadinessCheck
    {
        public string Name => name;

        public Task<ReadinessResult> CheckAsync(CancellationToken cancellationToken) => answer();
    }
}
