using System.Globalization;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Core.Rendering;

/// <summary>The words every platform's alerts share, in each language; the platforms add only their markup.</summary>
public static class AlertWords
{
    public static Phrase Down(int services) => services == 1 ? new("is down", "est en panne") : new("are down", "sont en panne");

    public static Phrase BackUp(int services) => services == 1 ? new("is back up", "fonctionne de nouveau") : new("are back up", "fonctionnent de nouveau");

    public static string Since(Language language, string time) => Format(new("since {0}", "depuis le {0}"), language, time);

    public static string WasDownFor(Language language, string duration) => Format(new("It was down for {0}.", "Il a été en panne pendant {0}."), language, duration);

    public static string DownFor(Language language, string duration) => Format(new("down for {0}", "en panne pendant {0}"), language, duration);

    public static string GroupWide(Language language, string group) =>
        Format(new("This looks like a {0}-wide problem.", "Cela ressemble à un problème chez tout {0}."), language, group);

    private static string Format(Phrase phrase, Language language, string value) =>
        string.Format(CultureInfo.InvariantCulture, phrase.In(language), value);
}
