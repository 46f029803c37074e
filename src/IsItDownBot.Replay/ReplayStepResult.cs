using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Checking;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Monitoring;

namespace IsItDownBot.Replay;

/// <summary>What the bot said at one step: its answers to a user, and the alerts a subscribed channel received.</summary>
/// <param name="Reports">The answers about the scenario's featured services, checked afresh at the step's time.</param>
/// <param name="GroupNotes">What the answers say together (a group-wide problem), as the terminal shows it.</param>
/// <param name="OpenIncidents">The monitor's open incidents by service id when the question was asked: "down since".</param>
/// <param name="Alerts">The alerts the monitor queued for the subscribed channel during the step, in order.</param>
public sealed record ReplayStepResult(
    ReplayStep Step,
    IReadOnlyList<StatusReport> Reports,
    IReadOnlyList<Phrase> GroupNotes,
    IReadOnlyDictionary<string, Incident> OpenIncidents,
    IReadOnlyList<AlertMessage> Alerts);
