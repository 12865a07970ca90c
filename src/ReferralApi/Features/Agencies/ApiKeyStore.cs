using System.Text.Json;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Agencies;

internal sealed class ApiKeyStore(UnitOfWork db, ApiKeyLineage lineage, AgencyWriteLock writeLock)
{
    private const string Insert = """
        INSERT INTO api_keys (id, agency_id, prefix, key_hash, created_at, expires_at, last_used_at, revoked_at, permissions, created_by_key_id)
        VALUES (@Id, @AgencyId, @Prefix, @KeyHash, @CreatedAt, @ExpiresAt, NULL, NULL, @Permissions, @CreatedByKeyId)
        """;

    private const string SelectByAgency = """
        SELECT id AS Id, prefix AS Prefix, created_at AS CreatedAt, expires_at AS ExpiresAt,
               last_used_at AS LastUsedAt, revoked_at AS RevokedAt, permissions AS Permissions, created_by_key_id AS CreatedByKeyId
        FROM api_keys WHERE agency_id = @AgencyId ORDER BY created_at, id
        """;

    private const string SelectOne = """
        SELECT id AS Id, prefix AS Prefix, created_at AS CreatedAt, expires_at AS ExpiresAt,
               last_used_at AS LastUsedAt, revoked_at AS RevokedAt, permissions AS Permissions, created_by_key_id AS CreatedByKeyId
        FROM api_keys WHERE id = @Id AND agency_id = @AgencyId
        """;

    private const string Exists = "SELECT COUNT(*) FROM api_keys WHERE id = @Id AND agency_id = @AgencyId";

    /// <summary>Keys that still authenticate: neither revoked nor expired.</summary>
    private const string CountActive = """
        SELECT COUNT(*) FROM api_keys
        WHERE agency_id = @AgencyId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @Now)
        """;

    public Task<int> InsertAsync(NewApiKey key, CancellationToken ct) =>
        db.ExecuteAsync(Insert, new
        {
            key.Id, key.AgencyId, key.Prefix, key.KeyHash, key.CreatedAt, key.ExpiresAt,
            Permissions = JsonSerializer.Serialize(key.Permissions), key.CreatedByKeyId,
        }, ct);

    public async Task<int> CountActiveAsync(Guid agencyId, DateTimeOffset now, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int>(CountActive, new { AgencyId = agencyId, Now = now }, ct);

    public async Task<ApiKeyResponse?> FindAsync(Guid agencyId, Guid keyId, CancellationToken ct) =>
        (await db.QuerySingleOrDefaultAsync<ApiKeyRow>(SelectOne, new { Id = keyId, AgencyId = agencyId }, ct))?.ToResponse();

    public async Task<IReadOnlyList<ApiKeyResponse>> ListAsync(Guid agencyId, CancellationToken ct) =>
        [.. (await db.QueryAsync<ApiKeyRow>(SelectByAgency, new { AgencyId = agencyId }, ct)).Select(r => r.ToResponse())];

    /// <summary>
    /// True when the key exists for the agency (revoking twice is not an error). With
    /// <paramref name="withIssued"/>, every key it created, directly or through others, is revoked too.
    /// </summary>
    public Task<bool> RevokeAsync(Guid agencyId, Guid keyId, bool withIssued, DateTimeOffset now, CancellationToken ct) =>
        db.InTransactionAsync(async token =>
        {
            await writeLock.TakeAsync(agencyId, token);
            if (await db.ExecuteScalarAsync<int>(Exists, new { Id = keyId, AgencyId = agencyId }, token) == 0)
            {
                return false;
            }

            await lineage.RevokeAsync(agencyId, keyId, withIssued, now, token);
            return true;
        }, ct);

    public Task<DateTimeOffset?> CreatorExpiryAsync(Guid? creatorKeyId, CancellationToken ct) => lineage.CreatorExpiryAsync(creatorKeyId, ct);

    private sealed record ApiKeyRow
    {
        public Guid Id { get; init; }

        public string Prefix { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? ExpiresAt { get; init; }

        public DateTimeOffset? LastUsedAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }

        public string Permissions { get; init; } = "[]";

        public Guid? CreatedByKeyId { get; init; }

        public ApiKeyResponse ToResponse() =>
            new(Id, Prefix, CreatedAt, ExpiresAt, LastUsedAt, RevokedAt, JsonSerializer.Deserialize<string[]>(Permissions) ?? [], CreatedByKeyId);
    }
}

/// <summary>A key to store: only the hash of its secret, its permissions, and the key that created it (null for the admin).</summary>
internal sealed record NewApiKey(
    Guid Id, Guid AgencyId, string Prefix, string KeyHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, IReadOnlyList<string> Permissions, Guid? CreatedByKeyId);
