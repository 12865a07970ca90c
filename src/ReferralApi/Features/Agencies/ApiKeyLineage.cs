using ReferralApi.Infrastructure.Data;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Agencies;

/// <summary>
/// Keys minted by keys: a key never outlives the key that created it, and revoking a key revokes
/// every key it created, and theirs, so a leaked <c>keys</c> key cannot leave working keys behind.
/// Both run under <see cref="AgencyWriteLock"/>, so a key being created while its creator is
/// revoked is either revoked with it or refused. A revocation runs inside a transaction, and clears
/// the cached key rows when it commits.
/// </summary>
internal sealed class ApiKeyLineage(UnitOfWork db, ApiKeyCache keyCache)
{
    private const string SelectCreator = "SELECT expires_at AS ExpiresAt, revoked_at AS RevokedAt FROM api_keys WHERE id = @Id";

    /// <summary>An agency holds a handful of keys: the whole family is read and walked in memory.</summary>
    private const string SelectFamily = "SELECT id AS Id, created_by_key_id AS CreatedByKeyId FROM api_keys WHERE agency_id = @AgencyId";

    private const string RevokeOne = "UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND agency_id = @AgencyId AND revoked_at IS NULL";

    /// <summary>
    /// When the creating key stops working: null for the admin, whose keys are bounded by the
    /// lifetime options only; the minimum instant for a key revoked or gone meanwhile.
    /// </summary>
    public async Task<DateTimeOffset?> CreatorExpiryAsync(Guid? creatorKeyId, CancellationToken ct)
    {
        if (creatorKeyId is not { } id)
        {
            return null;
        }

        var creator = await db.QuerySingleOrDefaultAsync<CreatorRow>(SelectCreator, new { Id = id }, ct);
        return creator is { RevokedAt: null, ExpiresAt: { } expiresAt } ? expiresAt : DateTimeOffset.MinValue;
    }

    /// <summary>
    /// Revokes <paramref name="keyId"/> and, with <paramref name="withIssued"/>, all its descendants
    /// not revoked yet, walking through revoked ones, so a leaked key that revoked itself cannot
    /// shield what it issued.
    /// </summary>
    public async Task RevokeAsync(Guid agencyId, Guid keyId, bool withIssued, DateTimeOffset now, CancellationToken ct)
    {
        keyCache.InvalidateAfterCommit(db);
        if (!withIssued)
        {
            await db.ExecuteAsync(RevokeOne, new { Id = keyId, AgencyId = agencyId, Now = now }, ct);
            return;
        }

        var family = await db.QueryAsync<FamilyRow>(SelectFamily, new { AgencyId = agencyId }, ct);
        var reached = new HashSet<Guid> { keyId };
        for (var frontier = new List<Guid> { keyId }; frontier.Count > 0;)
        {
            frontier = [.. family.Where(k => k.CreatedByKeyId is { } creator && frontier.Contains(creator) && reached.Add(k.Id)).Select(k => k.Id)];
        }

        foreach (var id in reached)
        {
            await db.ExecuteAsync(RevokeOne, new { Id = id, AgencyId = agencyId, Now = now }, ct);
        }
    }

    private sealed record CreatorRow
    {
        public DateTimeOffset? ExpiresAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }
    }

    private sealed record FamilyRow
    {
        public Guid Id { get; init; }

        public Guid? CreatedByKeyId { get; init; }
    }
}
