using IsItDownBot.Replay.Loopback;

namespace IsItDownBot.Replay;

/// <summary>One of the recursive resolvers the bot asks, named for the story ("resolver eu").</summary>
public sealed record ReplayResolver(string Name, LoopbackDnsServer Server);
