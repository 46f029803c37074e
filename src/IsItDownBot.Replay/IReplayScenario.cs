using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Replay;

/// <summary>
/// An outage told as steps on a simulated internet: what the world looks like at each moment. The runner asks
/// the bot about <see cref="Featured"/> at every step, as a user would, and runs its monitor for a channel
/// subscribed to <see cref="Watched"/>.
/// </summary>
public interface IReplayScenario
{
    /// <summary>The name on the command line: <c>meta-2021-10-04</c>.</summary>
    string Id { get; }

    Phrase Title { get; }

    /// <summary>
    /// True for a made-up story that shows how the bot reads a kind of failure, false for a real outage retold.
    /// An illustrative scenario is labelled so, and its steps have times but no date (<see cref="ReplayStep.Illustrative"/>).
    /// </summary>
    bool IsIllustrative { get; }

    Phrase Description { get; }

    /// <summary>The catalog ids a user asks about at each step.</summary>
    IReadOnlyList<string> Featured { get; }

    /// <summary>The catalog ids a channel subscribed to: its alerts are the step's alerts.</summary>
    IReadOnlyList<string> Watched { get; }

    /// <summary>In time order, at least one minute plus the monitor's rounds apart.</summary>
    IReadOnlyList<ReplayStep> Steps { get; }

    /// <summary>Adds the scenario's services, zones and status pages to a world whose clock reads the first step's time.</summary>
    Task SetUpAsync(ReplayWorld world);
}
