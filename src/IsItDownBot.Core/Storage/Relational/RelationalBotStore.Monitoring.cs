using System.Globalization;
using IsItDownBot.Core.Alerts;
using IsItDownBot.Core.Monitoring;
using System.Data.Common;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>The monitor's side: service states, incidents, and the round that writes them with its alerts.</summary>
public abstract partial class RelationalBotStore
{
    private const string IncidentColumns =
        "id, service_id, opened_at, open_cause_code, open_summary, closed_at, close_cause_code, close_summary";

    public async Task<IReadOnlyDictionary<string, ServiceState>> LoadServiceStatesAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command("""
            SELECT service_id, health, consecutive_failures, consecutive_successes, open_incident_id, down_since, up_since
            FROM service_state;
            """);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var states = new Dictionary<string, ServiceState>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var state = new ServiceState(
                reader.GetString(0),
                HealthCodes.Parse(reader.GetString(1)),
                reader.GetInt32(2),
                reader.GetInt32(3),
                reader.GetNullableInt64(4),
                reader.GetNullableTime(5),
                reader.GetNullableTime(6));
            states[state.ServiceId] = state;
        }

        return states;
    }

    public async Task CommitRoundAsync(RoundCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken).ConfigureAwait(false);
        if (commit.Fence is { } fence)
        {
            await CheckFenceAsync(connection, transaction, fence, cancellationToken).ConfigureAwait(false);
        }

        // The incident each transition opened or closed: it names the alerts that report the transition.
        var transitions = new Dictionary<string, (Transition Transition, long IncidentId)>(StringComparer.Ordinal);
        foreach (var transition in commit.Transitions)
        {
            var incidentId = transition.Kind == TransitionKind.Down
                ? await OpenIncidentAsync(connection, transaction, transition, cancellationToken).ConfigureAwait(false)
                : await CloseIncidentAsync(connection, transaction, transition, cancellationToken).ConfigureAwait(false);
            transitions[transition.Service.Id] = (transition, incidentId);
        }

        foreach (var state in commit.States)
        {
            var openIncidentId = transitions.TryGetValue(state.ServiceId, out var changed)
                ? changed.Transition.Kind == TransitionKind.Down ? changed.IncidentId : (long?)null
                : state.OpenIncidentId;
            await SaveStateAsync(connection, transaction, state with { OpenIncidentId = openIncidentId }, cancellationToken).ConfigureAwait(false);
        }

        foreach (var alert in commit.Alerts)
        {
            await QueueAlertAsync(connection, transaction, alert, transitions, cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<Incident?> OpenIncidentAsync(string serviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT {IncidentColumns} FROM incidents
            WHERE service_id = @serviceId AND closed_at IS NULL
            ORDER BY opened_at DESC, id DESC LIMIT 1;
            """)
            .With("@serviceId", serviceId);
        var incidents = await ReadIncidentsAsync(select, cancellationToken).ConfigureAwait(false);
        return incidents.Count == 0 ? null : incidents[0];
    }

    public async Task<IReadOnlyList<Incident>> IncidentsAsync(string serviceId, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT {IncidentColumns} FROM incidents
            WHERE service_id = @serviceId
            ORDER BY opened_at DESC, id DESC LIMIT @limit;
            """)
            .With("@serviceId", serviceId)
            .With("@limit", limit);
        return await ReadIncidentsAsync(select, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<long> OpenIncidentAsync(
        DbConnection connection, DbTransaction transaction, Transition transition, CancellationToken cancellationToken)
    {
        await using var insert = connection.Command("""
            INSERT INTO incidents (service_id, opened_at, open_cause_code, open_summary)
            VALUES (@serviceId, @openedAt, @causeCode, @summary)
            RETURNING id;
            """, transaction)
            .With("@serviceId", transition.Service.Id)
            .With("@openedAt", StoredValues.ToUnixMilliseconds(transition.DownSince))
            .With("@causeCode", transition.Cause.Code)
            .With("@summary", transition.Cause.Summary.English);
        return Convert.ToInt64(await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task<long> CloseIncidentAsync(
        DbConnection connection, DbTransaction transaction, Transition transition, CancellationToken cancellationToken)
    {
        // The monitor knows the incident from its state; when it does not (a state written before incidents
        // existed), the service's open incident is the one that ends.
        var incidentId = transition.IncidentId
            ?? await FindOpenIncidentIdAsync(connection, transaction, transition.Service.Id, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException(
                $"{transition.Service.Id} is back up, but no incident was given and none is open: there is nothing to close.");

        // Closing twice (the same round committed again) keeps the first close.
        await using var update = connection.Command("""
            UPDATE incidents SET closed_at = @closedAt, close_cause_code = @causeCode, close_summary = @summary
            WHERE id = @id AND closed_at IS NULL;
            """, transaction)
            .With("@id", incidentId)
            .With("@closedAt", StoredValues.ToUnixMilliseconds(transition.At))
            .With("@causeCode", transition.Cause.Code)
            .With("@summary", transition.Cause.Summary.English);
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return incidentId;
    }

    private static async Task<long?> FindOpenIncidentIdAsync(
        DbConnection connection, DbTransaction transaction, string serviceId, CancellationToken cancellationToken)
    {
        await using var select = connection.Command(
            "SELECT id FROM incidents WHERE service_id = @serviceId AND closed_at IS NULL ORDER BY id DESC LIMIT 1;", transaction)
            .With("@serviceId", serviceId);
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long id ? id : null;
    }

    private static async Task SaveStateAsync(
        DbConnection connection, DbTransaction transaction, ServiceState state, CancellationToken cancellationToken)
    {
        await using var upsert = connection.Command("""
            INSERT INTO service_state (service_id, health, consecutive_failures, consecutive_successes, open_incident_id, down_since, up_since)
            VALUES (@serviceId, @health, @failures, @successes, @openIncidentId, @downSince, @upSince)
            ON CONFLICT (service_id) DO UPDATE SET
                health = excluded.health,
                consecutive_failures = excluded.consecutive_failures,
                consecutive_successes = excluded.consecutive_successes,
                open_incident_id = excluded.open_incident_id,
                down_since = excluded.down_since,
                up_since = excluded.up_since;
            """, transaction)
            .With("@serviceId", state.ServiceId)
            .With("@health", HealthCodes.From(state.Health))
            .With("@failures", state.ConsecutiveFailures)
            .With("@successes", state.ConsecutiveSuccesses)
            .With("@openIncidentId", state.OpenIncidentId)
            .With("@downSince", StoredValues.ToUnixMilliseconds(state.DownSince))
            .With("@upSince", StoredValues.ToUnixMilliseconds(state.UpSince));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task QueueAlertAsync(
        DbConnection connection,
        DbTransaction transaction,
        PlannedAlert alert,
        Dictionary<string, (Transition Transition, long IncidentId)> transitions,
        CancellationToken cancellationToken)
    {
        var entry = OutboxEntry.For(alert, transitions, Time.GetUtcNow());

        await using var insert = connection.Command("""
            INSERT INTO outbox (platform, channel_id, idempotency_key, message_json, created_at, next_attempt_at, attempts)
            VALUES (@platform, @channelId, @key, @message, @createdAt, @createdAt, 0)
            ON CONFLICT (idempotency_key) DO NOTHING;
            """, transaction)
            .With("@platform", alert.Channel.Platform)
            .With("@channelId", alert.Channel.ChannelId)
            .With("@key", entry.Key)
            .With("@message", entry.MessageJson)
            .With("@createdAt", StoredValues.ToUnixMilliseconds(entry.CreatedAt));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<Incident>> ReadIncidentsAsync(DbCommand select, CancellationToken cancellationToken)
    {
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var incidents = new List<Incident>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            incidents.Add(new Incident(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetTime(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetNullableTime(5),
                reader.GetNullableString(6),
                reader.GetNullableString(7)));
        }

        return incidents;
    }
}
