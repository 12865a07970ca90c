using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// Writes the access log: one row per referral a request read or changed. A change records it in
/// its own transaction; a read records it before it answers. When the row cannot be written the
/// request answers 503 and returns no referral data, so nothing is ever read unrecorded.
/// </summary>
internal sealed partial class AccessRecorder(Db db, TimeProvider clock, ILogger<AccessRecorder> logger)
{
    // The referrals table supplies the ids, so a list of any length is one statement.
    public const string Insert = """
        INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id)
        SELECT @At, @AgencyId, @KeyId, @Action, id, @CorrelationId FROM referrals WHERE id IN @ReferralIds
        """;

    public const string PostgresInsert = """
        INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id)
        SELECT @At, @AgencyId, @KeyId, @Action, id, @CorrelationId FROM referrals WHERE id = ANY(@ReferralIds)
        """;

    /// <summary>Records the rows in the caller's transaction (or on its connection, for a read that already holds one).</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction? transaction, HttpContext http, string action, IReadOnlyCollection<Guid> referralIds, CancellationToken ct)
    {
        if (referralIds.Count == 0)
        {
            return;
        }

        var caller = Caller.From(http.User);
        var row = new DynamicParameters();
        row.Add("At", clock.Now());
        row.Add("AgencyId", caller.Agency);
        row.Add("KeyId", caller.KeyId ?? throw new InvalidOperationException("Referral routes are reached with agency keys only."));
        row.Add("Action", action);
        row.Add("CorrelationId", http.CorrelationId());

        // Dapper's list expansion bypasses the uuid type handler, so SQLite gets the ids in its stored text form.
        var ids = referralIds.Distinct();
        row.Add("ReferralIds", db.Dialect.Provider == DatabaseProvider.Sqlite ? ids.Select(id => id.ToString("D")).ToArray() : ids.ToArray());
        var sql = db.Dialect.Provider == DatabaseProvider.Postgres ? PostgresInsert : Insert;
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, row, transaction, cancellationToken: ct));
        }
        catch (DbException e) when (!db.Dialect.IsTransient(e))
        {
            // Transient faults go on to the retry around the whole unit; anything else ends here.
            NotWritten(logger, e.GetType().FullName ?? "unknown");
            throw new ApiProblem(ProblemCodes.ServiceUnavailable, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };
        }
    }

    /// <summary>Records the rows on a connection of their own, before a read answers.</summary>
    public Task RecordAsync(HttpContext http, string action, IReadOnlyCollection<Guid> referralIds, CancellationToken ct) =>
        referralIds.Count == 0
            ? Task.CompletedTask
            : db.ReadAsync(async (connection, token) =>
            {
                await RecordAsync(connection, null, http, action, referralIds, token);
                return true;
            }, ct);

    [LoggerMessage(Level = LogLevel.Error, Message = "The access log could not be written ({ExceptionType}); the request was refused")]
    private static partial void NotWritten(ILogger logger, string exceptionType);
}
