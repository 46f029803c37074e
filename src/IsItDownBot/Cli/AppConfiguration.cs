using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace IsItDownBot.Cli;

/// <summary>
/// The configuration every command reads: appsettings.json beside the executable, or the file given with
/// --config instead of it, then environment variables (IsItDown__Dns__Timeout) over either.
/// </summary>
internal static class AppConfiguration
{
    public const string DefaultFileName = "appsettings.json";

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

        try
        {
            return new ConfigurationBuilder()
                .AddJsonFile(path, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables()
                .Build();
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or JsonException)
        {
            throw new UsageException($"The configuration file '{path}' is not valid JSON: {exception.GetBaseException().Message}", exception);
        }
    }
}
