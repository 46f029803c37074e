using System.Collections.Concurrent;
using System.Data.Common;

namespace IsItDownBot.Core.Storage;

/// <summary>
/// The outcome of the latest write of each background writer (the monitor, each platform's outbox loop). A query
/// can still answer while every write fails (a full disk, a read-only file, a lock held for longer than the busy
/// timeout): readiness must see the writes, and only the loops that keep writing see them.
/// </summary>
public sealed class StoreWriteHealth
{
    // Per writer: one writer that succeeds (an outbox claim that changes nothing) must not hide another that fails.
    private readonly ConcurrentDictionary<string, string> _failing = new(StringComparer.Ordinal);

    /// <summary>True when the exception comes from the database rather than from the writer's own logic.</summary>
    public static bool IsStoreFailure(Exception exception) =>
        exception is DbException or IOException or UnauthorizedAccessException;

    public void Succeeded(string writer) => _failing.TryRemove(writer, out _);

    public void Failed(string writer, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _failing[writer] = $"{exception.GetType().Name}: {exception.Message}";
    }

    /// <summary>Why writes fail, naming each failing writer; null while the latest write of every writer succeeded.</summary>
    public string? Failure
    {
        get
        {
            var failing = _failing.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key}: {pair.Value}").ToList();
            return failing.Count == 0 ? null : string.Join("; ", failing);
        }
    }
}
