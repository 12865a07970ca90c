using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using ReferralApi.Infrastructure.Errors;
using ReferralApi.Infrastructure.OpenApi;

namespace ReferralApi.Features.Health;

internal static class HealthEndpoints
{
    private const string Probe = "SELECT 1";

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health").AllowAnonymous();
        group.MapGet("/live", () => TypedResults.Ok(new HealthResponse("ok"))).WithName("Live")
            .WithSummary("The process is up.");
        group.MapGet("/ready", Ready).WithName("Ready")
            .WithSummary("The database answers.")
            .ProducesProblems(503);
        return app;
    }

    private static async Task<Results<Ok<HealthResponse>, ProblemHttpResult>> Ready(HttpContext http, DbDataSource dataSource, CancellationToken ct)
    {
        try
        {
            await using var command = dataSource.CreateCommand(Probe);
            await command.ExecuteScalarAsync(ct);
            return TypedResults.Ok(new HealthResponse("ok"));
        }
        catch (DbException)
        {
            return TypedResults.Problem(ProblemWriter.Build(http, new ApiProblem(ProblemCodes.ServiceUnavailable)));
        }
    }
}

/// <summary>Health probe answer.</summary>
public sealed record HealthResponse(string Status);
