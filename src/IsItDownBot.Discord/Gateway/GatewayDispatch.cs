using System.Text.Json;

namespace IsItDownBot.Discord.Gateway;

/// <summary>An op 0 frame: READY, RESUMED, INTERACTION_CREATE, MESSAGE_CREATE and the rest.</summary>
/// <param name="EventName">The frame's <c>t</c>.</param>
/// <param name="Data">The frame's <c>d</c>, detached from the received buffer so it may be kept.</param>
/// <param name="Sequence">The frame's <c>s</c>.</param>
public sealed record GatewayDispatch(string EventName, JsonElement Data, int? Sequence);
