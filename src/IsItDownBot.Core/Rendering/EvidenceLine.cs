using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Rendering;

/// <summary>One line of a report's short evidence: what was asked ("www.facebook.com", "control hosts") and what it showed.</summary>
public sealed record EvidenceLine(Phrase Subject, Phrase Text);
