using IsItDownBot.Core.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// Refuses an unknown provider, a SQLite store without a file, and a PostgreSQL store without a usable connection
/// string, naming the key.
/// </summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var provider = $"{StorageOptions.SectionName}:Provider";
        var connectionString = $"{StorageOptions.SectionName}:ConnectionString";
        if (!string.Equals(options.Provider, StorageOptions.Sqlite, StringComparison.OrdinalIgnoreCase) && !options.IsPostgres)
        {
            return ValidateOptionsResult.Fail($"{provider} must be '{StorageOptions.Sqlite}' or '{StorageOptions.Postgres}', not '{options.Provider}'.");
        }

        if (!options.IsPostgres)
        {
            // Empty when set so, or when the default has no user data folder to go in (a service account without a home).
            return string.IsNullOrWhiteSpace(options.Path)
                ? ValidateOptionsResult.Fail(
                    $"{StorageOptions.SectionName}:Path is empty and this user has no data folder (neither XDG_DATA_HOME nor HOME is set) " +
                    "to keep the database in by default: set it, e.g. IsItDown__Storage__Path=/var/lib/isitdown/isitdown.db.")
                : ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"{connectionString} is required when {provider} is '{StorageOptions.Postgres}' (give it as the environment variable IsItDown__Storage__ConnectionString).");
        }

        // The value itself is never repeated: it may hold a password.
        return PostgresConnection.Problem(options.ConnectionString) is { } problem
            ? ValidateOptionsResult.Fail($"{connectionString} is not a valid PostgreSQL connection string: {problem}")
            : ValidateOptionsResult.Success;
    }
}
