using System.Data.Common;
using System.Text.Json;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Agencies;

internal sealed class ApiKeyStore(Db db)
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

    private const string Revoke = """
        UPDATE api_keys SET revoked_at = @Now WHERE id = @Id AND agency_id = @AgencyId AND revoked_at IS NULL
        """;

    private const string Exists = "SELECT COUNT(*) FROM api_keys WHERE id = @Id AND agency_id = @AgencyId";

    /// <summary>Keys that still authenticate: neither revoked nor expired.</summary>
    private const string CountActive = """
        SELECT COUNT(*) FROM api_keys
        WHERE agency_id = @AgencyId AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > @Now)
        """;

    public Task InsertAsync(NewApiKey key, CancellationToken ct) =>
        db.InTransactionAsync((connection, transaction, token) => InsertAsync(connection, transaction, key, token), ct);

    public static Task<int> InsertAsync(DbConnection connection, DbTransaction transaction, NewApiKey key, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, new
        {
            key.Id, key.AgencyId, key.Prefix, key.KeyHash, key.CreatedAt, key.ExpiresAt,
            Permissions = JsonSerializer.Serialize(key.Permissions), key.CreatedByKeyId,
        }, transaction, cancellationToken: ct));

    public static Task<int> CountActiveAsync(DbConnection connection, DbTransaction transaction, Guid agencyId, DateTimeOffset now, CancellationToken ct) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(CountActive, new { AgencyId = agencyId, Now = now }, transaction, cancellationToken: ct));

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

        public string Permissions { get; init; } = "[]";

        public Guid? CreatedByKeyId { get; init; }

        public ApiKeyResponse ToResponse() =>
            new(Id, Prefix, CreatedAt, ExpiresAt, LastUsedAt, RevokedAt, JsonSerializer.Deserialize<string[]>(Permissions) ?? [], CreatedByKeyId);
    }
}

/// <summary>A key to store: only the hash of its secret, its permissions, and the key that created it (null for the admin).</summary>
internal sealed record NewApiKey(
    Guid Id, Guid AgencyId, string Prefix, string KeyHash, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, IReadOnlyList<string> Permissions, Guid? CreatedByKeyId);
