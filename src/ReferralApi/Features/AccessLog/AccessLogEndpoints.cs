using ReferralApi.Features.AdminAudit;
using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.AccessLog;

/// <summary>The routes of the access log, and the services that write and read it.</summary>
internal static class AccessLogEndpoints
{
    public static WebApplicationBuilder AddAccessLog(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<AccessLogWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AccessLogWriter>());
        builder.Services.AddScoped<AccessRecorder>();
        builder.Services.AddScoped<AccessLogStore>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAccessLog(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/referrals/{id:guid}/access-log", ReadAccessLog.ForReferral).WithTags("Referrals").WithName("GetReferralAccessLog")
            .RequireAuthorization(Policies.Agency)
            .WithSummary("Who read or changed this referral and when, oldest first (either party).")
            .ProducesProblems(400, 403, 404);
        app.MapGet("/v1/admin/access-log", ReadAccessLog.Search).WithTags("Administration").WithName("SearchAccessLog")
            .AuditedAsAdmin("read_access_log")
            .RequireAuthorization(Policies.Admin)
            .WithSummary("The access log across referrals (admin), filterable by agency, referral and time (from inclusive, to exclusive).")
            .ProducesProblems(400, 403);
        return app;
    }
}
