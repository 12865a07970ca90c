using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>Subscriptions, always read and changed through the owning agency, so another agency's is simply not found.</summary>
internal sealed class WebhookSubscriptionStore(UnitOfWork db)
{
    public const string Insert = """
        INSERT INTO webhook_subscriptions (id, agency_id, url, description, event_types, status, status_reason, secret, previous_secret, previous_secret_expires_at, created_at, updated_at)
        VALUES (@Id, @AgencyId, @Url, @Description, @EventTypes, @Status, @StatusReason, @Secret, @PreviousSecret, @PreviousSecretExpiresAt, @CreatedAt, @UpdatedAt)
        """;

    public const string CountOwned = "SELECT COUNT(*) FROM webhook_subscriptions WHERE agency_id = @Agency";

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


    /// <summary>How many subscriptions the agency has; counted under <see cref="Agencies.AgencyWriteLock"/> when a new one may exceed the cap.</summary>
    public async Task<int> CountOwnedAsync(Guid agency, CancellationToken ct) =>
        await db.ExecuteScalarAsync<int>(CountOwned, new { Agency = agency }, ct);

    public Task InsertAsync(WebhookSubscriptionRow row, CancellationToken ct) => db.ExecuteAsync(Insert, row, ct);

    public Task<WebhookSubscriptionRow?> FindOwnedAsync(Guid id, Guid agency, CancellationToken ct) =>
        db.QuerySingleOrDefaultAsync<WebhookSubscriptionRow>(SelectOwned, new { Id = id, Agency = agency }, ct);

    public Task UpdateAsync(WebhookSubscriptionRow row, CancellationToken ct) => db.ExecuteAsync(Update, row, ct);

    public async Task<bool> DeleteOwnedAsync(Guid id, Guid agency, CancellationToken ct) =>
        await db.ExecuteAsync(DeleteOwned, new { Id = id, Agency = agency }, ct) > 0;

    /// <summary>The agency's subscriptions, oldest first, keyset on (created_at, id); one extra row tells whether a next page exists.</summary>
    public Task<IReadOnlyList<WebhookSubscriptionRow>> ListOwnedAsync(Guid agency, int limit, DateTimeOffset? afterAt, Guid? afterId, CancellationToken ct) =>
        db.QueryAsync<WebhookSubscriptionRow>(
            db.Dialect.Built(ListOwned), new { Agency = agency, AfterAt = afterAt ?? DateTimeOffset.MinValue, AfterId = afterId ?? Guid.Empty, Limit = limit + 1 }, ct);
}
