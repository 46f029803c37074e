using System.CommandLine;
using IsItDownBot.Core.Explaining;

namespace IsItDownBot.Cli;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Read this configuration file layered over appsettings.json: it changes only the keys it gives, and a list it gives replaces the shipped list (user secrets and environment variables still override it).",
        HelpName = "FILE",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the reports as JSON, for scripts.",
    };

    /// <summary>--lang en|fr; without it, the terminal's locale (LC_ALL, LC_MESSAGES, LANG) decides.</summary>
    public static Option<string?> Language() => new Option<string?>("--lang")
    {
        Description = "Answer in this language: en or fr (default: from LC_ALL / LC_MESSAGES / LANG).",
        HelpName = "en|fr",
    }.AcceptOnlyFromAmong("en", "fr");

    public static Language LanguageOf(string? option) =>
        Languages.FromCode(option ?? FirstSet("LC_ALL", "LC_MESSAGES", "LANG"));

    private static string? FirstSet(params string[] variables) =>
        variables.Select(Environment.GetEnvironmentVariable).FirstOrDefault(value => !string.IsNullOrEmpty(value));
}
