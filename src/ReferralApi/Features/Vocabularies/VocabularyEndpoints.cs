namespace ReferralApi.Features.Vocabularies;

internal static class VocabularyEndpoints
{
    public static IEndpointRouteBuilder MapVocabularies(this IEndpointRouteBuilder app)
    {
        // Read at mapping time so a code without labels stops the app at startup, not on a request.
        var response = VocabularyCatalog.Response;
        app.MapGet("/v1/vocabularies", () => TypedResults.Ok(response))
            .AllowAnonymous()
            .WithTags("Vocabularies")
            .WithName("GetVocabularies")
            .WithSummary("Every code list with Indonesian and English labels.");
        return app;
    }
}
