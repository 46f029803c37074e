using Npgsql;

namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>
/// Times are BIGINT unix milliseconds in UTC, as in SQLite: both stores compare them the same way and a row
/// means the same in either, which keeps moving data between them a copy rather than a conversion.
/// </summary>
internal static class PostgresValues
{
    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMilliseconds(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset GetTime(this NpgsqlDataReader reader, int ordinal) => FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static long? GetNullableInt64(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
