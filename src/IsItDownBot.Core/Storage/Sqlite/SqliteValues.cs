using Microsoft.Data.Sqlite;

namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>
/// Times are stored as INTEGER unix milliseconds in UTC: they sort and compare as numbers in SQL (due rows,
/// expired leases), and mean the same in PostgreSQL.
/// </summary>
internal static class SqliteValues
{
    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMilliseconds(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) => FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static long? GetNullableInt64(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
