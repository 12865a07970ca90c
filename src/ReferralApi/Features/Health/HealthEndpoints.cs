using ReferralApi.Infrastructure.OpenApi;

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
        group.MapGet("/ready", CheckReadiness.Handle).WithName("Ready")
            .WithSummary("Each dependency: database, migrations, encryption keys, background workers.")
            .WithDescription("200 with status Healthy, or Degraded when a worker is stale or no encryption key is configured; 503 "
                + "service-unavailable when the database or its migrations are not ready, with the report in its health member. "
                + "Only the admin key sees each entry; everyone else sees the status alone.")
            .ProducesProblems(503);
        return app;
    }
}
