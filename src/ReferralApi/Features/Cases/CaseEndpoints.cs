using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Cases;

/// <summary>The route of cases, and their store.</summary>
internal static class CaseEndpoints
{
    public static IEndpointRouteBuilder MapCases(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/cases/{caseId:guid}", ReadCase.Handle).WithTags("Cases").WithName("GetCase")
            .RequireAuthorization(Policies.Agency)
            .WithSummary("The caller's referrals of the case (subject details as the referral rules allow); of the others only a count by status.")
            .ProducesProblems(403, 404);
        return app;
    }

    public static WebApplicationBuilder AddCases(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CaseStore>();
        return builder;
    }
}
