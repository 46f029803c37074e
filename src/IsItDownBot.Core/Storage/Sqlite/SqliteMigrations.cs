namespace IsItDownBot.Core.Storage.Sqlite;

/// <summary>
/// The SQLite schema, step by step. Never edit a step that has shipped: append a new one, because a database
/// file in use has already recorded the old step as applied and would never see the edit.
/// </summary>
/// <remarks>
/// The SQL stays close to what PostgreSQL accepts (ON CONFLICT, partial indexes, times as integer unix
/// milliseconds in UTC) so a PostgreSQL store can keep the same steps with the same meaning; only the
/// identity columns differ (<c>INTEGER PRIMARY KEY AUTOINCREMENT</c> here).
/// </remarks>
internal static class SqliteMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "subscriptions, removed channels, incidents, service state, outbox", """
            CREATE TABLE subscriptions (
                platform      TEXT    NOT NULL,
                channel_id    TEXT    NOT NULL,
                service_id    TEXT    NOT NULL,
                subscribed_by TEXT    NOT NULL,
                subscribed_at INTEGER NOT NULL,
                PRIMARY KEY (platform, channel_id, service_id)
            );
            -- The monitor asks "who wants to hear about these services?" every round.
            CREATE INDEX ix_subscriptions_service ON subscriptions (service_id);

            -- Why a channel lost its subscriptions (the bot was removed, the chat was deleted), for support.
            CREATE TABLE removed_channels (
                id                    INTEGER PRIMARY KEY AUTOINCREMENT,
                platform              TEXT    NOT NULL,
                channel_id            TEXT    NOT NULL,
                reason                TEXT    NOT NULL,
                removed_at            INTEGER NOT NULL,
                subscriptions_removed INTEGER NOT NULL
            );

            -- AUTOINCREMENT: an incident id is part of outbox idempotency keys, so it must never be reused.
            CREATE TABLE incidents (
                id               INTEGER PRIMARY KEY AUTOINCREMENT,
                service_id       TEXT    NOT NULL,
                opened_at        INTEGER NOT NULL,
                open_cause_code  TEXT    NOT NULL,
                open_summary     TEXT    NOT NULL,
                closed_at        INTEGER NULL,
                close_cause_code TEXT    NULL,
                close_summary    TEXT    NULL
            );
            CREATE INDEX ix_incidents_service ON incidents (service_id, opened_at);

            CREATE TABLE service_state (
                service_id            TEXT    NOT NULL PRIMARY KEY,
                health                TEXT    NOT NULL CHECK (health IN ('up', 'down')),
                consecutive_failures  INTEGER NOT NULL,
                consecutive_successes INTEGER NOT NULL,
                open_incident_id      INTEGER NULL,
                down_since            INTEGER NULL
            );

            CREATE TABLE outbox (
                id              INTEGER PRIMARY KEY AUTOINCREMENT,
                platform        TEXT    NOT NULL,
                channel_id      TEXT    NOT NULL,
                idempotency_key TEXT    NOT NULL UNIQUE,
                message_json    TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                claimed_until   INTEGER NULL,
                claim_token     TEXT    NULL,
                delivered_at    INTEGER NULL,
                abandoned_at    INTEGER NULL,
                last_error      TEXT    NULL
            );
            -- Only pending rows are indexed: delivered ones pile up but are never looked at by the dispatcher.
            CREATE INDEX ix_outbox_due ON outbox (platform, next_attempt_at)
                WHERE delivered_at IS NULL AND abandoned_at IS NULL;
            CREATE INDEX ix_outbox_channel ON outbox (platform, channel_id)
                WHERE delivered_at IS NULL AND abandoned_at IS NULL;
            """),

        new(2, "when a down service started passing again; settled outbox rows indexed for pruning", """
            ALTER TABLE service_state ADD COLUMN up_since INTEGER NULL;
            CREATE INDEX ix_outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
            CREATE INDEX ix_outbox_abandoned ON outbox (abandoned_at) WHERE abandoned_at IS NOT NULL;
            """),

        new(3, "the language a channel subscribed in, for its alerts; rows from before read as English", """
            ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
            """),

        new(4, "leases: which instance runs the monitor, taken over when its holder stops renewing", """
            CREATE TABLE leases (
                name       TEXT    NOT NULL PRIMARY KEY,
                holder     TEXT    NOT NULL,
                expires_at INTEGER NOT NULL
            );
            """),

        new(5, "each vantage point's latest result per service, shared by the instances", """
            -- One row per service and vantage point, replaced by each newer round: the table stays as small as
            -- the catalog times the vantage points (domains users type are never shared).
            CREATE TABLE vantage_results (
                service_id TEXT    NOT NULL,
                vantage    TEXT    NOT NULL,
                verdict    TEXT    NOT NULL CHECK (verdict IN ('up', 'degraded', 'down', 'unknown')),
                cause_code TEXT    NOT NULL,
                summary_en TEXT    NOT NULL,
                summary_fr TEXT    NOT NULL,
                checked_at INTEGER NOT NULL,
                PRIMARY KEY (service_id, vantage)
            );
            """),
    ];
}
