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
    /// <summary>Records the rows in the caller's transaction (or on its connection, for a read that already holds one).</summary>
    public async Task RecordAsync(DbConnection connection, DbTransaction? transaction, HttpContext http, string action, IReadOnlyCollection<Guid> referralIds, CancellationToken ct)
    {
        if (referralIds.Count == 0)
        {
            return;
        }

        var caller = Caller.From(http.User);
        var entry = new AccessEntry(
            clock.Now(),
            caller.Agency,
            caller.KeyId ?? throw new InvalidOperationException("Referral routes are reached with agency keys only."),
            action,
            http.CorrelationId());
        var (sql, row) = BuildInsert(db.Dialect, entry, [.. referralIds.Distinct()]);
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

    /// <summary>
    /// One statement for any number of referrals: the referrals table supplies the ids, so an id
    /// that names no referral writes no row. Separate so its SQL and parameters can be checked.
    /// </summary>
    internal static (string Sql, DynamicParameters Args) BuildInsert(SqlDialect dialect, AccessEntry entry, IReadOnlyCollection<Guid> referralIds)
    {
        var args = new DynamicParameters();
        args.Add("At", entry.At);
        args.Add("AgencyId", entry.AgencyId);
        args.Add("KeyId", entry.KeyId);
        args.Add("Action", entry.Action);
        args.Add("CorrelationId", entry.CorrelationId);
        var sql = $"""
            INSERT INTO access_log (at, agency_id, key_id, action, referral_id, correlation_id)
            SELECT @At, @AgencyId, @KeyId, @Action, id, @CorrelationId FROM referrals WHERE {dialect.InList(args, "id", "ReferralIds", referralIds)}
            """;
        return (sql, args);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The access log could not be written ({ExceptionType}); the request was refused")]
    private static partial void NotWritten(ILogger logger, string exceptionType);
}
