using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Tests;

/// <summary>The catalog's ids, aliases, zones and endpoints as in appsettings.json, for the services the tests name.</summary>
internal static class TestCatalog
{
    public static ServiceCatalog Create() => new(
        [
            Service("facebook", "Facebook", ["fb", "face book", "fbook"], "meta", "facebook.com", "https://www.facebook.com/", "https://m.facebook.com/"),
            Service("messenger", "Messenger", ["fb messenger", "facebook messenger", "msgr"], "meta", "messenger.com", "https://www.messenger.com/"),
            Service("instagram", "Instagram", ["insta", "ig", "insta gram"], "meta", "instagram.com", "https://www.instagram.com/"),
            Service("whatsapp", "WhatsApp", ["wa", "whats app", "whatsap", "watsapp", "whatsapp web"], "meta", "whatsapp.com", "https://web.whatsapp.com/"),
            Service("threads", "Threads", ["threads app", "instagram threads"], "meta", "threads.com", "https://www.threads.com/"),
            Service("meta-quest", "Meta Quest", ["oculus", "quest", "meta quest", "oculus quest"], "meta", "oculus.com", "https://www.oculus.com/", "https://www.meta.com/quest/"),
            Service("discord", "Discord", ["dc", "discordapp"], null, "discord.com", "https://discord.com/"),
            Service("telegram", "Telegram", ["tg", "telegramm"], null, "telegram.org", "https://telegram.org/"),
            Service("youtube", "YouTube", ["yt", "you tube"], "google", "youtube.com", "https://www.youtube.com/"),
            Service("google", "Google", ["google search"], "google", "google.com", "https://www.google.com/", "https://accounts.google.com/"),
            Service("gmail", "Gmail", ["google mail"], "google", "google.com", "https://mail.google.com/", "https://gmail.com/"),
            Service("x", "X (Twitter)", ["twitter", "tweeter"], null, "x.com", "https://x.com/"),
            Service("cloudflare", "Cloudflare", ["cf"], null, "cloudflare.com", "https://www.cloudflare.com/"),
        ],
        new Dictionary<string, string> { ["meta"] = "Meta", ["google"] = "Google" });

    private static ServiceDefinition Service(string id, string name, string[] aliases, string? group, string zone, params string[] endpoints) =>
        new(id, name, aliases, group, zone, [.. endpoints.Select(endpoint => new Uri(endpoint))], []);
}
