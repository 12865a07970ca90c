using ReferralApi.Domain;
using ReferralApi.Features.Referrals;

namespace ReferralApi.Features.Vocabularies;

internal static class VocabularyEndpoints
{
    public static IEndpointRouteBuilder MapVocabularies(this IEndpointRouteBuilder app)
    {
        // Read at mapping time so a code without labels stops the app at startup, not on a request.
        // The hours are the configured deadlines, so integrators see the ones respondBy is set from.
        var deadlines = app.ServiceProvider.GetRequiredService<ReferralDeadlines>();
        var response = VocabularyCatalog.Response with
        {
            Urgencies = [.. VocabularyCatalog.Response.Urgencies.Select(u => u with { RespondWithinHours = (int)deadlines.For(Codes.Parse<Urgency>(u.Code)).TotalHours })],
        };
        app.MapGet("/v1/vocabularies", () => TypedResults.Ok(response))
            .AllowAnonymous()
            .WithTags("Vocabularies")
            .WithName("GetVocabularies")
            .WithSummary("Every code list with Indonesian and English labels.");
        return app;
    }
}
