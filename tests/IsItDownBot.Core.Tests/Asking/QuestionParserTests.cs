using IsItDownBot.Core.Asking;
using IsItDownBot.Core.Catalog;

namespace IsItDownBot.Core.Tests.Asking;

public class QuestionParserTests
{
    private readonly QuestionParser _parser = new(TestCatalog.Create());

    [Theory]
    [InlineData("is fb down?", "Check facebook")]
    [InlineData("Is WhatsApp down right now??", "Check whatsapp")]
    [InlineData("instagram not working", "Check instagram")]
    [InlineData("is facebook down for everyone or just me", "Check facebook")]
    [InlineData("facebook", "Check facebook")]
    [InlineData("FACEBOOK!!!", "Check facebook")]
    [InlineData("   is   youtube    down   ", "Check youtube")]
    [InlineData("is x down", "Check x")]
    [InlineData("X?", "Check x")]
    [InlineData("is twitter down", "Check x")]
    [InlineData("anyone else having issues with discord?", "Check discord")]
    [InlineData("ig broken?", "Check instagram")]
    [InlineData("yt not loading for me", "Check youtube")]
    [InlineData("is tg down", "Check telegram")]
    [InlineData("cloudflare outage?", "Check cloudflare")]
    [InlineData("gmail isn't working", "Check gmail")]
    [InlineData("google mail down?", "Check gmail")]
    [InlineData("is google down", "Check google")]
    [InlineData("can't send messages on facebook messenger", "Check messenger")]
    [InlineData("fb messenger down?", "Check messenger")]
    [InlineData("is the threads app down", "Check threads")]
    [InlineData("meta quest down?", "Check meta-quest")]
    [InlineData("my oculus quest won't connect", "Check meta-quest")]
    [InlineData("is whats app down", "Check whatsapp")]
    [InlineData("what's app down?", "Check whatsapp")]
    [InlineData("is you tube down", "Check youtube")]
    [InlineData("is face book down", "Check facebook")]
    [InlineData("🔥🔥 insta 🔥🔥 down??", "Check instagram")]
    [InlineData("is **facebook** down", "Check facebook")]
    [InlineData("is facebook or instagram down?", "Check facebook")]
    [InlineData("ｆａｃｅｂｏｏｋ down", "Check facebook")]
    [InlineData("is face\u200Bbook down", "Check facebook")]
    public void Parse_WhenEnglishQuestionNamesAService_ChecksIt(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("est-ce que facebook est en panne ?", "Check facebook")]
    [InlineData("WhatsApp marche pas", "Check whatsapp")]
    [InlineData("whatsapp ne marche plus", "Check whatsapp")]
    [InlineData("insta bug ?", "Check instagram")]
    [InlineData("y a un souci avec insta", "Check instagram")]
    [InlineData("facebook hs ?", "Check facebook")]
    [InlineData("Instagrám est en panne", "Check instagram")]
    [InlineData("il y a une panne sur YouTube ?", "Check youtube")]
    [InlineData("c'est moi ou discord rame ?", "Check discord")]
    [InlineData("télégram est tombé ?", "Check telegram")]
    [InlineData("j'arrive pas à me connecter à gmail", "Check gmail")]
    [InlineData("ça marche chez vous twitter ?", "Check x")]
    [InlineData("problème avec l'appli d'instagram", "Check instagram")]
    [InlineData("est-ce que x est down", "Check x")]
    public void Parse_WhenFrenchQuestionNamesAService_ChecksIt(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("is facebok down", "Check facebook")]
    [InlineData("instagarm marche pas", "Check instagram")]
    [InlineData("youtub", "Check youtube")]
    [InlineData("is discrod down?", "Check discord")]
    [InlineData("telegarm en panne", "Check telegram")]
    public void Parse_WhenNameHasASmallTypo_FindsService(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("is example.org down?", "Check domain:example.org")]
    [InlineData("example.org", "Check domain:example.org")]
    [InlineData("https://example.org/x", "Check domain:example.org/x")]
    [InlineData("bücher.de marche pas", "Check domain:xn--bcher-kva.de")]
    [InlineData("(example.org) est en panne ?", "Check domain:example.org")]
    [InlineData("is www.facebook.com down", "Check facebook")]
    [InlineData("mail.google.com ne marche plus", "Check gmail")]
    [InlineData("is https://x.com/home down", "Check x")]
    [InlineData("is foo.x.ai down", "Check domain:foo.x.ai")]
    [InlineData("fb down.lol", "Check facebook")]
    [InlineData("is https://example.org/a/b?x=1 down?", "Check domain:example.org/a/b?x=1")]
    [InlineData("example.org:8443 marche pas", "Check domain:example.org:8443")]
    [InlineData("is localhost down?", "Check domain:localhost")]
    [InlineData("LOCALHOST", "Check domain:localhost")]
    public void Parse_WhenHostIsNamed_ChecksItOrItsService(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("is fooobarbaz down", "Check unknown:fooobarbaz")]
    [InlineData("Fooobarbaz marche pas", "Check unknown:Fooobarbaz")]
    [InlineData("y a un souci avec fooobarbaz ?", "Check unknown:fooobarbaz")]
    [InlineData("is the new fooobarbaz down", "Check unknown:fooobarbaz")]
    [InlineData("fooobarbaz", "Check unknown:fooobarbaz")]
    public void Parse_WhenNameIsUnknown_ChecksUnknownTarget(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("i'm bored")]
    [InlineData("i'm bored x")]
    [InlineData("is it down?")]
    [InlineData("est-ce que c'est en panne ?")]
    [InlineData("lol")]
    [InlineData("thanks!")]
    [InlineData("merci beaucoup")]
    [InlineData("it was a great day")]
    [InlineData("see you tomorrow")]
    [InlineData("got my credit card")]
    [InlineData("the team meeting was long")]
    [InlineData("w a s")]
    [InlineData("version 2.0 is out since 10.30")]
    [InlineData("e.g. this")]
    [InlineData("🔥🔥🔥")]
    [InlineData("?!")]
    [InlineData("<@123456789012345678>")]
    [InlineData("@IsItDownBot")]
    [InlineData("/unknowncommand facebook")]
    public void Parse_WhenNothingServiceLikeIsNamed_ReturnsNone(string text) =>
        Assert.Equal("None", Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("was it down?")]
    [InlineData("what was the issue")]
    [InlineData("my mail is down")]
    [InlineData("is the stream down")]
    [InlineData("is it working now")]
    [InlineData("pourquoi ça marche pas")]
    [InlineData("est-ce que ça bug chez vous")]
    public void Parse_WhenOnlyFillerSurroundsADownWord_NeverMatchesAService(string text)
    {
        var question = _parser.Parse(text);

        Assert.NotEqual(CatalogLookupKind.Service, question.Target?.Kind);
    }

    [Theory]
    [InlineData("<@123456789012345678> is fb down", "Check facebook")]
    [InlineData("<@!123> instagram?", "Check instagram")]
    [InlineData("@IsItDownBot whatsapp marche pas", "Check whatsapp")]
    [InlineData("<:facebook:123456> is discord down", "Check discord")]
    public void Parse_WhenMessageMentionsTheBot_IgnoresTheMention(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("/isitdown fb", "Check facebook")]
    [InlineData("/isitdown@SomeBot fb", "Check facebook")]
    [InlineData("/ISITDOWN Facebook", "Check facebook")]
    [InlineData("/check x", "Check x")]
    [InlineData("/check https://example.org/x", "Check domain:example.org/x")]
    [InlineData("/check fooobarbaz", "Check unknown:fooobarbaz")]
    [InlineData("/check facebok", "Check facebook")]
    [InlineData("/isitdown", "Check")]
    [InlineData("/status", "Status")]
    [InlineData("/status@SomeBot", "Status")]
    [InlineData("/subscribe whatsapp", "Subscribe whatsapp")]
    [InlineData("/subscribe", "Subscribe")]
    [InlineData("/subscribe all", "Subscribe all")]
    [InlineData("/unsubscribe all", "Unsubscribe all")]
    [InlineData("/subscriptions", "Subscriptions")]
    [InlineData("/subscriptions@IsItDownBot", "Subscriptions")]
    [InlineData("/unsubscribe ig", "Unsubscribe instagram")]
    [InlineData("/help", "Help")]
    [InlineData("/start", "Help")]
    [InlineData("@IsItDownBot /isitdown yt", "Check youtube")]
    public void Parse_WhenSlashCommand_MapsItToIntent(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Theory]
    [InlineData("status", "Status")]
    [InlineData("état ?", "Status")]
    [InlineData("what's down?", "Status")]
    [InlineData("est-ce que tout est en panne ?", "Status")]
    [InlineData("help", "Help")]
    [InlineData("aide", "Help")]
    [InlineData("subscribe me to whatsapp alerts", "Subscribe whatsapp")]
    [InlineData("abonne-moi à whatsapp", "Subscribe whatsapp")]
    [InlineData("notify me when discord is down", "Subscribe discord")]
    [InlineData("abonne-moi à tout", "Subscribe all")]
    [InlineData("unsubscribe me from facebook", "Unsubscribe facebook")]
    [InlineData("désabonne-moi de whatsapp", "Unsubscribe whatsapp")]
    [InlineData("stop the whatsapp alerts", "Unsubscribe whatsapp")]
    [InlineData("is whatsapp down? no notifications", "Check whatsapp")]
    public void Parse_WhenFreeTextAsksForAnotherIntent_RecognisesIt(string text, string expected) =>
        Assert.Equal(expected, Describe(_parser.Parse(text)));

    [Fact]
    public void Parse_WhenServiceFound_QuotesWhatWasTyped()
    {
        var target = _parser.Parse("is Whats App down")!.Target;

        Assert.Equal("Whats App", target?.Query);
    }

    [Fact]
    public void Parse_WhenUnknownNameIsClose_OffersSuggestions()
    {
        // Two catalog names are one edit away, so neither is picked: the user is asked.
        var catalog = new ServiceCatalog(
        [
            new ServiceDefinition("steam", "Steam", [], null, "steampowered.com", [], []),
            new ServiceDefinition("steak", "Steak", [], null, "steak.example", [], []),
        ]);

        var target = new QuestionParser(catalog).Parse("is steaz down").Target;

        Assert.Equal(CatalogLookupKind.Unknown, target?.Kind);
        Assert.Equal(["steak", "steam"], target!.Suggestions.Select(service => service.Id).Order());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\r\n ")]
    [InlineData("\0\u0001\u0007\u001b[31m")]
    [InlineData("\uD800")]
    [InlineData("fb\uDC00down")]
    [InlineData("/")]
    [InlineData("/@")]
    [InlineData("@")]
    [InlineData("<@")]
    [InlineData("http://")]
    [InlineData("https://[::1")]
    [InlineData("....")]
    [InlineData("a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p")]
    public void Parse_WhenInputIsOdd_DoesNotThrow(string? text)
    {
        var question = _parser.Parse(text);

        Assert.NotNull(question);
    }

    [Fact]
    public void Parse_WhenInputIsHuge_LooksOnlyAtTheStart()
    {
        var huge = "is facebook down " + new string('a', 100_000) + " instagram";

        Assert.Equal("Check facebook", Describe(_parser.Parse(huge)));
        Assert.Equal("None", Describe(_parser.Parse(new string('x', 100_000))));
    }

    [Fact]
    public void Parse_WhenServiceNamedAfterTheCap_IgnoresIt()
    {
        var late = new string(' ', ChatText.MaxLength) + "facebook";

        Assert.Equal("None", Describe(_parser.Parse(late)));
    }

    [Fact]
    public void Parse_WhenGivenRandomUnicode_NeverThrows()
    {
        var random = new Random(20240601);
        for (var i = 0; i < 2_000; i++)
        {
            var chars = new char[random.Next(0, 600)];
            for (var j = 0; j < chars.Length; j++)
            {
                // Mostly ASCII and punctuation, with surrogates, marks and controls in the mix.
                chars[j] = random.Next(4) == 0 ? (char)random.Next(0, 0x10000) : (char)random.Next(0, 0x80);
            }

            var text = new string(chars);
            var exception = Record.Exception(() => _parser.Parse(text));

            Assert.True(exception is null, $"Threw on {Convert.ToBase64String(System.Text.Encoding.Unicode.GetBytes(text))}: {exception}");
        }
    }

    [Theory]
    [InlineData("instagram est en panne ?", "French")]
    [InlineData("insta marche plus", "French")]
    [InlineData("whatsapp ne fonctionne pas chez moi", "French")]
    [InlineData("is WhatsApp down?", "English")]
    [InlineData("facebook not working for anyone?", "English")]
    [InlineData("/isitdown fb", null)]
    [InlineData("discord", null)]
    public void Parse_TellsTheLanguageFromWordsOnlyOneLanguageUses(string text, string? expected) =>
        Assert.Equal(expected is null ? null : Enum.Parse<IsItDownBot.Core.Explaining.Language>(expected), _parser.Parse(text).Language);

    [Fact]
    public void Parse_OfTheHostileCorpus_NeverThrowsAndNeverTargetsMoreThanItWasGiven()
    {
        var corpus = new IsItDownBot.Testing.HostileCorpus(seed: 4);
        foreach (var text in corpus.Texts(3_000))
        {
            var question = _parser.Parse(text);

            // Whatever it reads as a target comes from the text, cut to the parser's bound, never invented or grown.
            Assert.True(question.Target is null || question.Target.Query.Length <= Math.Min(text.Length, ChatText.MaxLength),
                $"seed {corpus.Seed}: target '{question.Target?.Query}'");
        }
    }

    private static string Describe(Question question)
    {
        var intent = question.Intent.ToString();
        if (question.AllServices)
        {
            return intent + " all";
        }

        return question.Target switch
        {
            null => intent,
            { Kind: CatalogLookupKind.Service } target => $"{intent} {target.Service!.Id}",
            { Kind: CatalogLookupKind.Domain } target => $"{intent} domain:{target.Service!.Id}",
            var target => $"{intent} unknown:{target.Query}",
        };
    }
}
