using Telegram.Bot.Types;

namespace IsItDownBot.Telegram;

/// <summary>The command menu Telegram shows, registered with setMyCommands at start, in English and French.</summary>
internal static class TelegramCommands
{
    public static readonly BotCommand[] English =
    [
        new() { Command = "isitdown", Description = "Is this service down? (facebook, wa, example.org)" },
        new() { Command = "status", Description = "All the services I know" },
        new() { Command = "subscribe", Description = "Alerts when a service goes down and comes back (or: all)" },
        new() { Command = "unsubscribe", Description = "Stop alerts for a service (or: all)" },
        new() { Command = "subscriptions", Description = "What this chat gets alerts for" },
        new() { Command = "help", Description = "How to use the bot" },
        new() { Command = "start", Description = "Start" },
    ];

    public static readonly BotCommand[] French =
    [
        new() { Command = "isitdown", Description = "Ce service est-il en panne ? (facebook, wa, example.org)" },
        new() { Command = "status", Description = "Tous les services que je connais" },
        new() { Command = "subscribe", Description = "Alertes quand un service tombe et revient (ou : all)" },
        new() { Command = "unsubscribe", Description = "Arrêter les alertes d’un service (ou : all)" },
        new() { Command = "subscriptions", Description = "Les alertes de ce chat" },
        new() { Command = "help", Description = "Mode d’emploi" },
        new() { Command = "start", Description = "Démarrer" },
    ];
}
