using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace IsItDownBot.Cli;

/// <summary>
/// The configuration every command reads, later sources winning: appsettings.json beside the executable (or the
/// file given with --config instead of it), then the user secrets of this machine's user, then environment
/// variables (IsItDown__Dns__Timeout). Tokens belong in the last two, never in a file that is committed or shipped.
/// </summary>
internal static class AppConfiguration
{
    public const string DefaultFileName = "appsettings.json";

    /// <summary>
    /// Where <c>dotnet user-secrets</c> keeps this project's secrets for the current user (the file may not exist);
    /// null when the user has no home directory to keep them in, as for some service accounts.
    /// </summary>
    public static string? UserSecretsFile()
    {
        try
        {
            return PathHelper.GetSecretsPathFromSecretsId(
                typeof(AppConfiguration).Assembly.GetCustomAttribute<UserSecretsIdAttribute>()!.UserSecretsId);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    public static IConfigurationRoot Load(string? configFile)
    {
        var path = configFile is null
            ? Path.Combine(AppContext.BaseDirectory, DefaultFileName)
            : Path.GetFullPath(configFile);
        if (!File.Exists(path))
        {
            throw new UsageException(configFile is null
                ? $"The configuration file {path} is missing; reinstall, or pass one with --config FILE."
                : $"The configuration file '{configFile}' does not exist.");
        }

        var builder = new ConfigurationBuilder().AddConfiguration(JsonFile(path, optional: false));

        // Optional: a server without user secrets reads the file and the environment only.
        if (UserSecretsFile() is { } secrets)
        {
            builder.AddConfiguration(JsonFile(secrets, optional: true));
        }

        return builder.AddEnvironmentVariables().Build();
    }

    // Each file is read on its own so that a syntax error names the file it is in.
    private static IConfigurationRoot JsonFile(string path, bool optional)
    {
        try
        {
            return new ConfigurationBuilder().AddJsonFile(path, optional, reloadOnChange: false).Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or JsonException)
        {
            throw new UsageException($"The configuration file '{path}' is not valid JSON: {exception.GetBaseException().Message}", exception);
        }
    }
}
