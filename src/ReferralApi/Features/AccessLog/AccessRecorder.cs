using System.Data.Common;
using ReferralApi.Features.Referrals;
using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Http;
using ReferralApi.Infrastructure.Json;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AccessLog;

/// <summary>
/// Writes the access log: one row per referral a request read or changed. A change records it in
/// its own transaction; a read records it, with other reads' rows, before it answers. When the row cannot be written the
/// request answers 503 and returns no referral data, so nothing is ever read unrecorded.
/// </summary>
internal sealed partial class AccessRecorder(
    UnitOfWork db, AccessLogStore store, AccessLogWriter reads, PersonalDataCipher cipher, TimeProvider clock, ILogger<AccessRecorder> logger)
{
    /// <summary>Records the rows in the request's transaction, as part of a change.</summary>
    public async Task RecordChangeAsync(HttpContext http, string action, IReadOnlyCollection<Guid> referralIds, CancellationToken ct)
    {
        if (referralIds.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendAsync(AccessRow.For(Entry(http, action), referralIds), ct);
        }
        catch (DbException e) when (!db.Dialect.IsTransient(e))
        {
            // Transient faults go on to the retry around the whole unit; anything else ends here.
            throw Refused(e);
        }
    }

    /// <summary>
    /// Records the rows of a read before it answers, committed together with other reads' rows
    /// (<see cref="AccessLogWriter"/>); returns once they are durable.
    /// </summary>
    public async Task RecordReadAsync(HttpContext http, string action, IReadOnlyCollection<Guid> referralIds, CancellationToken ct)
    {
        if (referralIds.Count == 0)
        {
            return;
        }

        try
        {
            var rows = AccessRow.For(Entry(http, action), referralIds);
            await db.ReleaseConnectionAsync();
            await reads.WriteAsync(rows).WaitAsync(ct);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or CommitOutcomeUnknownException)
        {
            // Retries of transient faults happened in the writer; whatever is left means the row is not there.
            throw Refused(e);
        }
    }

    private AccessEntry Entry(HttpContext http, string action)
    {
        var caller = Caller.From(http.User);
        return new AccessEntry(
            clock.Now(),
            caller.Agency,
            caller.KeyId ?? throw new InvalidOperationException("Referral routes are reached with agency keys only."),
            action,
            http.CorrelationId(),
            caller.Person?.Sub,
            cipher.SealInLog(PersonalDataCipher.AccessLog, caller.Person?.Name));
    }

    private ApiProblem Refused(Exception e)
    {
        NotWritten(logger, e.GetType().FullName ?? "unknown");
        return new ApiProblem(ProblemCodes.ServiceUnavailable, new LocalizedText(Messages.RetryLater, 1)) { RetryAfter = TimeSpan.FromSeconds(1) };
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The access log could not be written ({ExceptionType}); the request was refused")]
    private static partial void NotWritten(ILogger logger, string exceptionType);
}
