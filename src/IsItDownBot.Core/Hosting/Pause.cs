namespace IsItDownBot.Core.Hosting;

/// <summary>The pause of a background loop: a delay on the injected clock that ends quietly when the host stops.</summary>
public static class Pause
{
    /// <summary>Waits <paramref name="duration"/>; false, without throwing, when <paramref name="stopping"/> fires first.</summary>
    public static async Task<bool> ForAsync(TimeSpan duration, TimeProvider time, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(duration, time, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
