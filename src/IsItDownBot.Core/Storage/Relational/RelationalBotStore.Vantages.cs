using System.Data.Common;
using IsItDownBot.Core.Explaining;
using IsItDownBot.Core.Vantages;

namespace IsItDownBot.Core.Storage.Relational;

/// <summary>The vantage points' side: each one's latest result per service.</summary>
public abstract partial class RelationalBotStore
{
    public async Task RecordVantageResultAsync(VantageResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);

        // The WHERE keeps a newer row: two rounds of one vantage may finish out of order.
        await using var upsert = connection.Command("""
            INSERT INTO vantage_results (service_id, vantage, verdict, cause_code, summary_en, summary_fr, checked_at)
            VALUES (@serviceId, @vantage, @verdict, @causeCode, @summaryEn, @summaryFr, @checkedAt)
            ON CONFLICT (service_id, vantage) DO UPDATE SET
                verdict = excluded.verdict,
                cause_code = excluded.cause_code,
                summary_en = excluded.summary_en,
                summary_fr = excluded.summary_fr,
                checked_at = excluded.checked_at
            WHERE excluded.checked_at >= vantage_results.checked_at;
            """)
            .With("@serviceId", result.ServiceId)
            .With("@vantage", result.Vantage)
            .With("@verdict", VerdictCodes.From(result.Verdict))
            .With("@causeCode", result.CauseCode)
            .With("@summaryEn", result.Summary.English)
            .With("@summaryFr", result.Summary.French)
            .With("@checkedAt", StoredValues.ToUnixMilliseconds(result.CheckedAt));
        await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<VantageResult>> VantageResultsAsync(string serviceId, DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(serviceId);
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var select = connection.Command($"""
            SELECT vantage, service_id, verdict, cause_code, summary_en, summary_fr, checked_at
            FROM vantage_results
            WHERE service_id = @serviceId AND checked_at >= @since
            ORDER BY {ByteOrder("vantage")};
            """)
            .With("@serviceId", serviceId)
            .With("@since", StoredValues.ToUnixMilliseconds(since));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var results = new List<VantageResult>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            results.Add(new VantageResult(
                reader.GetString(0),
                reader.GetString(1),
                VerdictCodes.Parse(reader.GetString(2)),
                reader.GetString(3),
                new Phrase(reader.GetString(4), reader.GetString(5)),
                reader.GetTime(6)));
        }

        return results;
    }
}
