using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// Finds the key row behind a presented key: from <see cref="ApiKeyCache"/> while it may answer,
/// otherwise one round trip on the request's own connection.
/// </summary>
internal sealed class ApiKeyLookup(UnitOfWork db, ApiKeyCache cache)
{
    private const string SelectByPrefix = """
        SELECT k.id AS KeyId, k.agency_id AS AgencyId, k.key_hash AS KeyHash, k.expires_at AS ExpiresAt,
               k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt, k.permissions AS Permissions, a.roles AS Roles, a.active AS AgencyActive
        FROM api_keys k
        JOIN agencies a ON a.id = k.agency_id
        WHERE k.prefix = @Prefix
        """;

    private const string TouchLastUsed = "UPDATE api_keys SET last_used_at = @Now WHERE id = @Id";

    /// <summary>The key row whose prefix is <paramref name="prefix"/>, from <see cref="ApiKeyCache"/> while it holds it.</summary>
    public async Task<KeyRow?> FindAsync(string prefix, CancellationToken ct)
    {
        if (cache.Find(prefix) is { } cached)
        {
            return cached;
        }

        var seen = cache.Generation;
        var row = await db.QuerySingleOrDefaultAsync<KeyRow>(SelectByPrefix, new { Prefix = prefix }, ct);
        if (row is not null)
        {
            cache.Add(prefix, row, seen);
        }

        return row;
    }

    public async Task TouchAsync(string prefix, Guid keyId, DateTimeOffset now, CancellationToken ct)
    {
        await db.ExecuteAsync(TouchLastUsed, new { Id = keyId, Now = now }, ct);
        cache.Touched(prefix, now);
    }

    internal sealed record KeyRow
    {
        public Guid KeyId { get; init; }

        public Guid AgencyId { get; init; }

        public string KeyHash { get; init; } = string.Empty;

        public DateTimeOffset? ExpiresAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }

        public DateTimeOffset? LastUsedAt { get; init; }

        public string Roles { get; init; } = string.Empty;

        public string Permissions { get; init; } = "[]";

        public bool AgencyActive { get; init; }
    }
}
