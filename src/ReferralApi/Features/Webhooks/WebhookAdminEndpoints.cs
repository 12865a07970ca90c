using ReferralApi.Features.AdminAudit;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// <c>GET /v1/admin/webhooks</c>: the operators' view across agencies, so a subscription that used
/// up its retries (<c>failing</c>) or was switched off (<c>disabled</c>) is seen and followed up.
/// </summary>
internal static class WebhookAdminEndpoints
{
    public static readonly string[] Statuses = [WebhookStatus.Active, WebhookStatus.Failing, WebhookStatus.Disabled];

    public static IEndpointRouteBuilder MapWebhookAdmin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/webhooks", List).WithTags("Administration").WithName("ListAllWebhooks")
            .AuditedAsAdmin("read_webhooks")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("Every agency's webhooks (admin), oldest first, optionally only one status (active, failing, disabled); never secrets, receivers by origin only.")
            .ProducesProblems(400, 403);
        return app;
    }

    private static async Task<Ok<Page<AdminWebhookResponse>>> List(WebhookAdminStore store, string? status, string? limit, string? cursor, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            throw ApiProblem.Validation("status", Messages.UnknownCode, string.Join(", ", Statuses));
        }

        var page = PageRequest.Parse(limit, cursor);
        var (afterAt, afterId) = InstantIdCursor.Decode(page);
        var rows = await store.ListAsync(status, page.Limit, afterAt, afterId, ct);
        var items = rows.Take(page.Limit).Select(r => r.ToResponse()).ToList();
        var next = rows.Count > page.Limit ? InstantIdCursor.Encode(items[^1].CreatedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<AdminWebhookResponse>(items, next));
    }
}
