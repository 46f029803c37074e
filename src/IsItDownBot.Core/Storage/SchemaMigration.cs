namespace IsItDownBot.Core.Storage;

/// <summary>
/// One step of a store's schema, applied once and recorded with its version. Steps are only ever appended:
/// a database file made by an older build is brought up to date by applying the steps it has not seen.
/// </summary>
public sealed record SchemaMigration(int Version, string Description, string Sql);
