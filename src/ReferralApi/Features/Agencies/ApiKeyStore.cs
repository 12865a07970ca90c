using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Agencies;

internal sealed class ApiKeyStore(Db db)
{
    private const string Insert = """
        INSERT INTO api_keys (id, agency_id, prefix, key_hash, created_at, expires_at, last_used_at, revoked_at)
        VALUES (@Id, @AgencyId, @Prefix, @KeyHash, @CreatedAt, @ExpiresAt, NULL, NULL)
        """;

    private const string SelectByAgency = """
        SELECT id AS Id, prefix AS Prefix, created_at AS CreatedAt, expires_at AS ExpiresAt,
               last_used_at AS LastUsedAt, revoked_at AS RevokedAt
        FROM api_keys WHERE agency_id = @AgencyId ORDER BY created_at, id
        """;

    private const string SelectOne = """
        SELECT id AS Id, prefix AS Prefix, created_at AS CreatedAt, expires_at AS ExpiresAt,
               last_used_at AS LastUsedAt, revoked_at AS RevokedAt
        FROM api_keys WHERE id = @Id AND agency_id = @AgencyId
        """;

    private const string Revoke = """
        UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND agency_id = @AgencyId AND revoked_at IS NULL
        """;

    private const string Exists = "SELECT COUNT(*) FROM api_keys WHERE id = @Id AND agency_id = @AgencyId";

    public Task InsertAsync(Guid id, Guid agencyId, string prefix, string hash, DateTimeOffset createdAt, DateTimeOffset? expiresAt, CancellationToken ct) =>
        db.InTransactionAsync((connection, transaction, token) => InsertAsync(connection, transaction, id, agencyId, prefix, hash, createdAt, expiresAt, token), ct);

    public static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, Guid id, Guid agencyId, string prefix, string hash, DateTimeOffset createdAt, DateTimeOffset? expiresAt, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(
            Insert, new { Id = id, AgencyId = agencyId, Prefix = prefix, KeyHash = hash, CreatedAt = createdAt, ExpiresAt = expiresAt }, transaction, cancellationToken: ct));

    public Task<ApiKeyResponse?> FindAsync(Guid agencyId, Guid keyId, CancellationToken ct) =>
        db.ReadAsync(async (connection, token) => (await connection.QuerySingleOrDefaultAsync<ApiKeyRow>(
            new CommandDefinition(SelectOne, new { Id = keyId, AgencyId = agencyId }, cancellationToken: token)))?.ToResponse(), ct);

    public Task<IReadOnlyList<ApiKeyResponse>> ListAsync(Guid agencyId, CancellationToken ct) =>
        db.ReadAsync(async (connection, token) => (IReadOnlyList<ApiKeyResponse>)(await connection.QueryAsync<ApiKeyRow>(
            new CommandDefinition(SelectByAgency, new { AgencyId = agencyId }, cancellationToken: token))).Select(r => r.ToResponse()).ToList(), ct);

    /// <summary>True when the key exists for the agency (revoking twice is not an error).</summary>
    public Task<bool> RevokeAsync(Guid agencyId, Guid keyId, DateTimeOffset now, CancellationToken ct) =>
        db.ReadAsync(async (connection, token) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(Revoke, new { Id = keyId, AgencyId = agencyId, Now = now }, cancellationToken: token));
            return await connection.ExecuteScalarAsync<int>(new CommandDefinition(Exists, new { Id = keyId, AgencyId = agencyId }, cancellationToken: token)) > 0;
        }, ct);

    private sealed record ApiKeyRow
    {
        public Guid Id { get; init; }

        public string Prefix { get; init; } = string.Empty;

        public DateTimeOffset CreatedAt { get; init; }

        public DateTimeOffset? ExpiresAt { get; init; }

        public DateTimeOffset? LastUsedAt { get; init; }

        public DateTimeOffset? RevokedAt { get; init; }

        public ApiKeyResponse ToResponse() => new(Id, Prefix, CreatedAt, ExpiresAt, LastUsedAt, RevokedAt);
    }
}
