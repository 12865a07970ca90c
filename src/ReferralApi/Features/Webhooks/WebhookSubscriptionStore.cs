using System.Data.Common;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>Subscriptions, always read and changed through the owning agency, so another agency's is simply not found.</summary>
internal sealed class WebhookSubscriptionStore(Db db)
{
    public const string Insert = """
        INSERT INTO webhook_subscriptions (id, agency_id, url, description, event_types, status, status_reason, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
        VALUES (@Id, @AgencyId, @Url, @Description, @EventTypes, @Status, @StatusReason, @Secret, @PreviousSecret, @PreviousSecretExpiresAt, @CreatedAt, @UpdatedAt)
        """;

    public const string CountOwned = "SELECT COUNT(*) FROM webhook_subscriptions WHERE agency_id = @Agency";

    public static Task<int> CountOwnedAsync(DbConnection connection, DbTransaction transaction, Guid agency, CancellationToken ct) =>
        connection.ExecuteScalarAsync<int>(new CommandDefinition(CountOwned, new { Agency = agency }, transaction, cancellationToken: ct));

    public const string SelectOwned = """
        SELECT id AS Id, agency_id AS AgencyId, url AS Url, description AS Description, event_types AS EventTypes, status AS Status,
               status_reason AS StatusReason, secret AS Secret, previous_secret AS PreviousSecret,
               previous_secret_expires_at AS PreviousSecretExpiresAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM webhook_subscriptions
        WHERE id = @Id AND agency_id = @Agency
        """;

    public const string Update = """
        UPDATE webhook_subscriptions
        SET url = @Url, description = @Description, event_types = @EventTypes, status = @Status, status_reason = @StatusReason,
            secret = @Secret, previous_secret = @PreviousSecret, previous_secret_expires_at = @PreviousSecretExpiresAt, updated_at = @UpdatedAt
        WHERE id = @Id AND agency_id = @AgencyId
        """;

    // The first page starts after (MinValue, empty id), so one statement serves every page.
    internal static string ListOwned(SqlDialect dialect) => $"""
        {ListColumns}
        ORDER BY created_at, id
        {dialect.Limit("@Limit")}
        """;

    private const string ListColumns = """
        SELECT id AS Id, agency_id AS AgencyId, url AS Url, description AS Description, event_types AS EventTypes, status AS Status,
               status_reason AS StatusReason, secret AS Secret, previous_secret AS PreviousSecret,
               previous_secret_expires_at AS PreviousSecretExpiresAt, created_at AS CreatedAt, updated_at AS UpdatedAt
        FROM webhook_subscriptions
        WHERE agency_id = @Agency AND (created_at > @AfterAt OR (created_at = @AfterAt AND id > @AfterId))
        """;

    public const string DeleteOwned = "DELETE FROM webhook_subscriptions WHERE id = @Id AND agency_id = @Agency";

    private readonly string listOwned = ListOwned(db.Dialect);

    public static Task InsertAsync(DbConnection connection, DbTransaction transaction, WebhookSubscriptionRow row, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Insert, row, transaction, cancellationToken: ct));

    public static Task<WebhookSubscriptionRow?> FindOwnedAsync(DbConnection connection, DbTransaction? transaction, Guid id, Guid agency, CancellationToken ct) =>
        connection.QuerySingleOrDefaultAsync<WebhookSubscriptionRow>(new CommandDefinition(SelectOwned, new { Id = id, Agency = agency }, transaction, cancellationToken: ct));

    public static Task UpdateAsync(DbConnection connection, DbTransaction transaction, WebhookSubscriptionRow row, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(Update, row, transaction, cancellationToken: ct));

    public Task<WebhookSubscriptionRow?> FindOwnedAsync(Guid id, Guid agency, CancellationToken ct) =>
        db.ReadAsync((connection, token) => FindOwnedAsync(connection, null, id, agency, token), ct);

    public Task<bool> DeleteOwnedAsync(Guid id, Guid agency, CancellationToken ct) =>
        db.InTransactionAsync(async (connection, transaction, token) =>
            await connection.ExecuteAsync(new CommandDefinition(DeleteOwned, new { Id = id, Agency = agency }, transaction, cancellationToken: token)) > 0, ct);

    /// <summary>The agency's subscriptions, oldest first, keyset on (created_at, id); one extra row tells whether a next page exists.</summary>
    public Task<List<WebhookSubscriptionRow>> ListOwnedAsync(Guid agency, int limit, DateTimeOffset? afterAt, Guid? afterId, CancellationToken ct)
    {
        var args = new { Agency = agency, AfterAt = afterAt ?? DateTimeOffset.MinValue, AfterId = afterId ?? Guid.Empty, Limit = limit + 1 };
        return db.ReadAsync(async (connection, token) => (await connection.QueryAsync<WebhookSubscriptionRow>(
            new CommandDefinition(listOwned, args, cancellationToken: token))).AsList(), ct);
    }
}
