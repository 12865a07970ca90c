using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Paging;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AdminAudit;

/// <summary>
/// The admin audit log: every admin action is appended (the table refuses changes and deletions),
/// and <c>GET /v1/admin/audit-log</c> pages through it, oldest first.
/// </summary>
internal static class AdminAuditSetup
{
    public static WebApplicationBuilder AddAdminAudit(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<AdminAuditStore>();
        return builder;
    }

    /// <summary>Records the route's admin calls that the handler answers as <paramref name="action"/>; a change records in its own transaction.</summary>
    public static TBuilder AuditedAsAdmin<TBuilder>(this TBuilder builder, string action)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(new AdminAuditFilter(action));

    public static IEndpointRouteBuilder MapAdminAudit(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/admin/audit-log", List).WithTags("Administration").WithName("GetAdminAuditLog")
            .RequireAuthorization(Policies.Admin)
            .AuditedAsAdmin("read_audit_log")
            .WithSummary("What the admin did (admin), oldest first: agencies created and changed, keys issued, listed and revoked, webhook and access-log views, legal holds.")
            .ProducesProblems(400, 403);
        return app;
    }

    private static async Task<Ok<Page<AdminAuditEntry>>> List(AdminAuditStore store, string? limit, string? cursor, CancellationToken ct)
    {
        var page = PageRequest.Parse(limit, cursor);
        var rows = await store.PageAsync(SeqCursor.After(page), page.Limit + 1, ct);
        var next = SeqCursor.Next(rows, page, r => r.Seq);
        return TypedResults.Ok(new Page<AdminAuditEntry>([.. rows.Take(page.Limit).Select(r => r.ToEntry())], next));
    }
}
