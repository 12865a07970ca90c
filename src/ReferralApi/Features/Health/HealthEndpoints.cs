using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Health;

internal static class HealthEndpoints
{
    public static WebApplicationBuilder AddHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddReadinessChecks();
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("ok"))).WithName("Live")
            .WithSummary("The process is up.");
        group.MapGet("/ready", Ready).WithName("Ready")
            .WithSummary("Each dependency: database, migrations, encryption keys, background workers.")
            .WithDescription("503 when the database or its migrations are not ready; 200 otherwise, with status Degraded when a worker is stale "
                + "or no encryption key is configured. Only the admin key sees each entry; everyone else sees the status alone.")
            .Produces<HealthReportResponse>()
            .Produces<HealthReportResponse>(StatusCodes.Status503ServiceUnavailable);
        return app;
    }

    private static async Task<JsonHttpResult<HealthReportResponse>> Ready(HealthCheckService health, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = await health.CheckHealthAsync(ct);
        var status = report.Status == HealthStatus.Unhealthy ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
        return TypedResults.Json(HealthReportResponse.From(report, user.IsInRole(Roles.Admin)), statusCode: status);
    }
}
