using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Infrastructure.Security;

/// <summary>
/// Finds the key row behind a presented key; one round trip on the request's own connection, no
/// caching, so revocation is immediate.
/// </summary>
internal sealed class ApiKeyLookup(UnitOfWork db)
{
    private const string SelectByPrefix = """
        SELECT k.id AS KeyId, k.agency_id AS AgencyId, k.key_hash AS KeyHash, k.expires_at AS ExpiresAt,
               k.revoked_at AS RevokedAt, k.last_used_at AS LastUsedAt, k.permissions AS Permissions, a.roles AS Roles, a.active AS AgencyActive
        FROM api_keys k
        JOIN agencies a ON a.id = k.agency_id
        WHERE k.prefix = @Prefix
        """;

    private const string TouchLastUsed = "UPDATE api_keys SET last_used_at = @Now WHERE id = @Id";

    public Task<KeyRow?> FindAsync(string prefix, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<KeyRow>(SelectByPrefix, new { Prefix = prefix }, ct);

    public Task TouchAsync(Guid keyId, DateTimeOffset now, CancellationToken ct) =>
        db.ExecuteAsync(TouchLastUsed, new { Id = keyId, Now = now }, ct);

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
