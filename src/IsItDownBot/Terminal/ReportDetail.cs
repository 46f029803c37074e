namespace IsItDownBot.Terminal;

/// <summary>How much of a report's evidence the terminal shows under its explanation.</summary>
internal enum ReportDetail
{
    /// <summary>A few lines grouped by layer and endpoint: the verdict stays on screen (check).</summary>
    Summary,

    /// <summary>Every probe in a table (check --verbose).</summary>
    Full,

    /// <summary>Only the probes that failed, the others counted: for replays, where the story matters more than every check.</summary>
    FailuresOnly,
}
