using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.UserSecrets;

namespace IsItDownBot.Cli;

/// <summary>
/// The configuration every command reads, later layers winning: appsettings.json beside the executable, then the
/// file given with --config, then the user secrets of this machine's user, then environment variables
/// (IsItDown__Dns__Timeout). A list a layer gives replaces the lower layers' list whole (see ConfigurationLayers). Tokens belong in the last two, never in a file that is committed or shipped.
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

    /// <summary>The shipped appsettings.json, beside the executable.</summary>
    public static string ShippedFile => Path.Combine(AppContext.BaseDirectory, DefaultFileName);

    /// <param name="shippedFile">The bottom layer; null for none, as for a test whose --config file describes its whole world.</param>
    /// <param name="configFile">The --config file, layered over the shipped one.</param>
    public static IConfigurationRoot Load(string? shippedFile, string? configFile)
    {
        var layers = new List<IConfigurationRoot>();
        if (shippedFile is not null)
        {
            layers.Add(File.Exists(shippedFile)
                ? JsonFile(shippedFile, optional: false)
                : throw new UsageException($"The configuration file {shippedFile} is missing; reinstall, or pass one with --config FILE."));
        }

        if (configFile is not null)
        {
            layers.Add(File.Exists(configFile)
                ? JsonFile(Path.GetFullPath(configFile), optional: false)
                : throw new UsageException($"The configuration file '{configFile}' does not exist."));
        }

        // Optional: a server without user secrets reads the files and the environment only.
        if (UserSecretsFile() is { } secrets)
        {
            layers.Add(JsonFile(secrets, optional: true));
        }

        layers.Add(new ConfigurationBuilder().AddEnvironmentVariables().Build());
        var composed = ConfigurationLayers.Compose(layers.Select(layer => layer.AsEnumerable()));
        foreach (var layer in layers)
        {
            (layer as IDisposable)?.Dispose();
        }

        return new ConfigurationBuilder().AddInMemoryCollection(composed!).Build();
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
