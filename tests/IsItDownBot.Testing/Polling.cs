namespace IsItDownBot.Testing;

/// <summary>
/// Waits for a condition that no event announces (a count reached by concurrent work), by looking again and again
/// until it holds or a generous deadline passes. Not a sleep that guesses: it ends as soon as the condition holds.
/// </summary>
public static class Polling
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Still waiting for: {what}.");
            }

            await Task.Delay(Interval).ConfigureAwait(false);
        }
    }
}
