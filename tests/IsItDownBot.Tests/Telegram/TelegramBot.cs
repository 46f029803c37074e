using IsItDownBot.Testing;

namespace IsItDownBot.Tests.Telegram;

/// <summary>The real host with a fake Bot API: long polls kept short so answers come at once.</summary>
internal static class TelegramBot
{
    public static Task<RunningBot> StartAsync(LoopbackWorld world, FakeTelegramBotApi telegram, Action<IDictionary<string, string?>>? configure = null) =>
        RunningBot.StartAsync(world, settings =>
        {
            settings["IsItDown:Telegram:BotToken"] = telegram.Token;
            settings["IsItDown:Telegram:ApiBaseUrl"] = telegram.BaseUrl;
            settings["IsItDown:Telegram:PollTimeout"] = "00:00:01";
            configure?.Invoke(settings);
        });
}
