using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Health;

/// <summary><c>GET /health/ready</c>: each dependency's state; the detail only for the admin.</summary>
internal static class CheckReadiness
{
    public static async Task<Results<Ok<HealthReportResponse>, ProblemHttpResult>> Handle(
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
