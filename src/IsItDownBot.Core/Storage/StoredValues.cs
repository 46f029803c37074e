using System.Data.Common;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// Times are stored as unix milliseconds in UTC (SQLite INTEGER, PostgreSQL BIGINT): they sort and compare as
/// numbers in SQL (due rows, expired leases), and a row means the same in either store.
/// </summary>
internal static class StoredValues
{
    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static long? ToUnixMilliseconds(DateTimeOffset? value) => value?.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long value) => DateTimeOffset.FromUnixTimeMilliseconds(value);

    public static DateTimeOffset GetTime(this DbDataReader reader, int ordinal) => FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static DateTimeOffset? GetNullableTime(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : FromUnixMilliseconds(reader.GetInt64(ordinal));

    public static long? GetNullableInt64(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);

    public static string? GetNullableString(this DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
