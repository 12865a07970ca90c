using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Agencies;

/// <summary>
/// Serialises an agency's capped writes (active keys, webhook subscriptions): a count then an
/// insert under READ COMMITTED lets parallel requests all see room below the cap. Updating the
/// agency's row to itself takes a row lock on every engine (SQLite already serialises writers) that
/// holds until the transaction ends, so the next request counts after this one's insert. A non-key
/// column is touched so PostgreSQL's lock does not block referrals naming the agency.
/// </summary>
internal sealed class AgencyWriteLock(UnitOfWork db)
{
    public const string Take = "UPDATE agencies SET updated_at = updated_at WHERE id = @AgencyId";

    /// <summary>Must be the transaction's first statement on the agency's data; held until commit or rollback.</summary>
    public Task TakeAsync(Guid agencyId, CancellationToken ct) => db.ExecuteAsync(Take, new { AgencyId = agencyId }, ct);
}
