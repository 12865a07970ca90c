using System.Data;
using Dapper;
using ReferralApi.Infrastructure.Data;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// Every agency's subscriptions, for administrators. Reads no secret column. There are a few per
/// agency, so the status filter needs no index of its own.
/// </summary>
internal sealed class WebhookAdminStore(UnitOfWork db)
{
    // A null @Status lists every status; the first page starts after (MinValue, empty id).
    private const string ListColumns = """
        SELECT s.id AS Id, s.agency_id AS AgencyId, a.code AS AgencyCode, a.name AS AgencyName, s.url AS Url,
               s.event_types AS EventTypes, s.status AS Status, s.status_reason AS StatusReason, s.created_at AS CreatedAt, s.updated_at AS UpdatedAt
        FROM webhook_subscriptions s
        JOIN agencies a ON a.id = s.agency_id
        WHERE (@Status IS NULL OR s.status = @Status)
          AND (s.created_at > @AfterAt OR (s.created_at = @AfterAt AND s.id > @AfterId))
        """;


    internal static string ListAll(SqlDialect dialect) => $"""
        {ListColumns}
        ORDER BY s.created_at, s.id
        {dialect.Limit("@Limit")}
        """;

    /// <summary>Oldest first, keyset on (created_at, id); one extra row tells whether a next page exists.</summary>
    public Task<IReadOnlyList<AdminWebhookRow>> ListAsync(string? status, int limit, DateTimeOffset? afterAt, Guid? afterId, CancellationToken ct)
    {
        var args = new DynamicParameters(new { AfterAt = afterAt ?? DateTimeOffset.MinValue, AfterId = afterId ?? Guid.Empty, Limit = limit + 1 });
        args.Add("Status", status, DbType.String, size: 20);
        return db.QueryAsync<AdminWebhookRow>(db.Dialect.Built(ListAll), args, ct);
    }
}

/// <summary>A subscription joined with its agency, as the administrators' list reads it.</summary>
internal sealed record AdminWebhookRow
{
    public Guid Id { get; init; }

    public Guid AgencyId { get; init; }

    public string AgencyCode { get; init; } = string.Empty;

    public string AgencyName { get; init; } = string.Empty;

    public string Url { get; init; } = string.Empty;

    public string EventTypes { get; init; } = string.Empty;

    public string Status { get; init; } = WebhookStatus.Active;

    public string? StatusReason { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The receiver by origin only: a URL's path and query may carry the receiver's own token.</summary>
    public AdminWebhookResponse ToResponse() => new(
        Id, AgencyId, AgencyCode, AgencyName, new Uri(Url).GetLeftPart(UriPartial.Authority), EventTypeFilter.Decode(EventTypes), Status, StatusReason, CreatedAt, UpdatedAt);
}
