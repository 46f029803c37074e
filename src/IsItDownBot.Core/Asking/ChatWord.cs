namespace IsItDownBot.Core.Asking;

/// <summary>A word of a message: as typed (to quote back) and as a folded key ("Panné" -> "panne").</summary>
internal readonly record struct ChatWord(string Raw, string Key);
