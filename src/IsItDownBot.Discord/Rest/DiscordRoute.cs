namespace IsItDownBot.Discord.Rest;

/// <summary>
/// One request's address and what rate limiting needs to know about it: <see cref="Key"/> is the route
/// with its ids as placeholders ("POST /channels/{id}/messages"), <see cref="Major"/> the top-level
/// resource Discord counts separately (channel, guild, or webhook id with token).
/// </summary>
/// <param name="UsesBotToken">Interaction callbacks and webhook edits are authorised by the interaction
/// token in the path; the bot token is not sent there.</param>
/// <param name="CountsTowardGlobal">Discord does not apply the bot's global limit to interaction
/// endpoints, so a global block from alert traffic must not delay a 3-second interaction answer.</param>
internal sealed record DiscordRoute(
    HttpMethod Method, string Path, string Key, string Major, bool UsesBotToken = true, bool CountsTowardGlobal = true)
{
    /// <summary>Safe to send twice: Discord applies it once however often it arrives.</summary>
    public bool IsIdempotent =>
        Method == HttpMethod.Get || Method == HttpMethod.Put || Method == HttpMethod.Patch || Method == HttpMethod.Delete;

    // The path and major parameter can hold an interaction token: anything printing a route gets the template only.
    public override string ToString() => Key;

    public static DiscordRoute GatewayBot() => new(HttpMethod.Get, "gateway/bot", "GET /gateway/bot", "");

    public static DiscordRoute ApplicationCommands(string applicationId, string? guildId) =>
        guildId is null
            ? new(HttpMethod.Put, $"applications/{Segment(applicationId)}/commands", "PUT /applications/{id}/commands", "")
            : new(
                HttpMethod.Put,
                $"applications/{Segment(applicationId)}/guilds/{Segment(guildId)}/commands",
                "PUT /applications/{id}/guilds/{id}/commands",
                guildId);

    public static DiscordRoute InteractionCallback(string interactionId, string interactionToken) =>
        new(
            HttpMethod.Post,
            $"interactions/{Segment(interactionId)}/{Segment(interactionToken)}/callback",
            "POST /interactions/{id}/{token}/callback",
            interactionId,
            UsesBotToken: false,
            CountsTowardGlobal: false);

    public static DiscordRoute OriginalResponse(string applicationId, string interactionToken) =>
        new(
            HttpMethod.Patch,
            $"webhooks/{Segment(applicationId)}/{Segment(interactionToken)}/messages/@original",
            "PATCH /webhooks/{id}/{token}/messages/@original",
            applicationId + "/" + interactionToken,
            UsesBotToken: false,
            CountsTowardGlobal: false);

    public static DiscordRoute ChannelMessages(string channelId) =>
        new(HttpMethod.Post, $"channels/{Segment(channelId)}/messages", "POST /channels/{id}/messages", channelId);

    // Ids and tokens come from Discord, but escaping keeps a stray '/' or '?' from changing the route.
    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        return Uri.EscapeDataString(value);
    }
}
