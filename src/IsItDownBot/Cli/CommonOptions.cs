using System.CommandLine;

namespace IsItDownBot.Cli;

/// <summary>Options every command shares.</summary>
internal static class CommonOptions
{
    public static Option<string?> Config() => new("--config")
    {
        Description = "Read this configuration file instead of appsettings.json (environment variables still override it).",
        HelpName = "FILE",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "Print the reports as JSON, for scripts.",
    };
}
