using System.Text.Json.Nodes;

namespace IsItDownBot.Discord.Bot;

/// <summary>The application commands, registered (the whole list at once) when the gateway says READY.</summary>
internal static class DiscordCommands
{
    // MANAGE_CHANNELS, as the string bitset Discord expects: who may see and use (un)subscribe by default.
    public const string ManageChannels = "16";

    public static JsonArray All() =>
    [
        Command("isitdown", "Is this service down, or is it just me?", "Vérifier si un service est en panne", ServiceOption("The service or domain (facebook, wa, example.org)")),
        Command("status", "Every service I know, checked now", "Tous les services que je connais"),
        Command("subscribe", "Alert this channel when a service goes down and comes back", "Alertes de panne dans ce salon",
            ServiceOption("The service, or all"), ManageChannels),
        Command("unsubscribe", "Stop this channel's alerts for a service", "Arrêter les alertes de ce salon",
            ServiceOption("The service, or all"), ManageChannels),
        Command("subscriptions", "What this channel gets alerts for", "Les alertes de ce salon"),
        Command("help", "How to use the bot", "Mode d’emploi"),
    ];

    private static JsonObject Command(string name, string description, string french, JsonObject? option = null, string? permissions = null)
    {
        var command = new JsonObject
        {
            ["name"] = name,
            ["type"] = 1,
            ["description"] = description,
            ["description_localizations"] = new JsonObject { ["fr"] = french },
            ["options"] = option is null ? new JsonArray() : new JsonArray(option),
        };
        if (permissions is not null)
        {
            command["default_member_permissions"] = permissions;
        }

        return command;
    }

    private static JsonObject ServiceOption(string description) => new()
    {
        ["name"] = "service",
        ["type"] = 3,
        ["description"] = description,
        ["required"] = true,
        ["autocomplete"] = true,
        ["max_length"] = 100,
    };
}
