namespace IsItDownBot.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL schema, step by step, with the same versions and meaning as <c>SqliteMigrations</c>: a
/// version number says the same thing in either store. Only the dialect differs (identity columns, BIGINT
/// times). Never edit a step that has shipped: append one to both lists.
/// </summary>
internal static class PostgresMigrations
{
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        new(1, "subscriptions, removed channels, incidents, service state, outbox", """
            CREATE TABLE subscriptions (
                platform      TEXT   NOT NULL,
                channel_id    TEXT   NOT NULL,
                service_id    TEXT   NOT NULL,
                subscribed_by TEXT   NOT NULL,
                subscribed_at BIGINT NOT NULL,
                PRIMARY KEY (platform, channel_id, service_id)
            );
            -- The monitor asks "who wants to hear about these services?" every round.
            CREATE INDEX ix_subscriptions_service ON subscriptions (service_id);

            CREATE TABLE removed_channels (
                id                    BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                platform              TEXT    NOT NULL,
                channel_id            TEXT    NOT NULL,
                reason                TEXT    NOT NULL,
                removed_at            BIGINT  NOT NULL,
                subscriptions_removed INTEGER NOT NULL
            );

            -- An identity never hands a number out twice: an incident id is part of outbox idempotency keys.
            CREATE TABLE incidents (
                id               BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                service_id       TEXT   NOT NULL,
                opened_at        BIGINT NOT NULL,
                open_cause_code  TEXT   NOT NULL,
                open_summary     TEXT   NOT NULL,
                closed_at        BIGINT NULL,
                close_cause_code TEXT   NULL,
                close_summary    TEXT   NULL
            );
            CREATE INDEX ix_incidents_service ON incidents (service_id, opened_at);

            CREATE TABLE service_state (
                service_id            TEXT    NOT NULL PRIMARY KEY,
                health                TEXT    NOT NULL CHECK (health IN ('up', 'down')),
                consecutive_failures  INTEGER NOT NULL,
                consecutive_successes INTEGER NOT NULL,
                open_incident_id      BIGINT  NULL,
                down_since            BIGINT  NULL
            );

            CREATE TABLE outbox (
                id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                platform        TEXT    NOT NULL,
                channel_id      TEXT    NOT NULL,
                idempotency_key TEXT    NOT NULL UNIQUE,
                message_json    TEXT    NOT NULL,
                created_at      BIGINT  NOT NULL,
                next_attempt_at BIGINT  NOT NULL,
                attempts        INTEGER NOT NULL DEFAULT 0,
                claimed_until   BIGINT  NULL,
                claim_token     TEXT    NULL,
                delivered_at    BIGINT  NULL,
                abandoned_at    BIGINT  NULL,
                last_error      TEXT    NULL
            );
            CREATE INDEX ix_outbox_due ON outbox (platform, next_attempt_at)
                WHERE delivered_at IS NULL AND abandoned_at IS NULL;
            CREATE INDEX ix_outbox_channel ON outbox (platform, channel_id)
                WHERE delivered_at IS NULL AND abandoned_at IS NULL;
            """),

        new(2, "when a down service started passing again; settled outbox rows indexed for pruning", """
            ALTER TABLE service_state ADD COLUMN up_since BIGINT NULL;
            CREATE INDEX ix_outbox_delivered ON outbox (delivered_at) WHERE delivered_at IS NOT NULL;
            CREATE INDEX ix_outbox_abandoned ON outbox (abandoned_at) WHERE abandoned_at IS NOT NULL;
            """),

        new(3, "the language a channel subscribed in, for its alerts; rows from before read as English", """
            ALTER TABLE subscriptions ADD COLUMN language TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'fr'));
            """),

        new(4, "leases: which instance runs the monitor, taken over when its holder stops renewing", """
            CREATE TABLE leases (
                name       TEXT   NOT NULL PRIMARY KEY,
                holder     TEXT   NOT NULL,
                expires_at BIGINT NOT NULL
            );
            """),

        new(5, "each vantage point's latest result per service, shared by the instances", """
            CREATE TABLE vantage_results (
                service_id TEXT   NOT NULL,
                vantage    TEXT   NOT NULL,
                verdict    TEXT   NOT NULL CHECK (verdict IN ('up', 'degraded', 'down', 'unknown')),
                cause_code TEXT   NOT NULL,
                summary_en TEXT   NOT NULL,
                summary_fr TEXT   NOT NULL,
                checked_at BIGINT NOT NULL,
                PRIMARY KEY (service_id, vantage)
            );
            """),
    ];
}
