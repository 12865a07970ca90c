using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.OpenApi;
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
            .WithDescription("200 with status Healthy, or Degraded when a worker is stale or no encryption key is configured; 503 "
                + "service-unavailable when the database or its migrations are not ready, with the report in its health member. "
                + "Only the admin key sees each entry; everyone else sees the status alone.")
            .ProducesProblems(503);
        return app;
    }

    private static async Task<Results<Ok<HealthReportResponse>, ProblemHttpResult>> Ready(
        HttpContext http, HealthCheckService health, ClaimsPrincipal user, CancellationToken ct)
    {
        var report = HealthReportResponse.From(await health.CheckHealthAsync(ct), user.IsInRole(Roles.Admin));
        if (report.Status != nameof(HealthStatus.Unhealthy))
        {
            return TypedResults.Ok(report);
        }

        // Errors are problem+json everywhere; the report rides along for the admin's probe dashboards.
        var problem = ProblemWriter.Build(http, new ApiProblem(ProblemCodes.ServiceUnavailable));
        problem.Extensions["health"] = report;
        return TypedResults.Problem(problem);
    }
}
