using ReferralApi.Infrastructure.OpenApi;
using ReferralApi.Infrastructure.Security;

namespace ReferralApi.Features.Events;

/// <summary>The route of the event feed.</summary>
internal static class EventEndpoints
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 500;

    public static WebApplicationBuilder AddEvents(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<EventLog>();
        return builder;
    }

    public static IEndpointRouteBuilder MapEvents(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/events", PollEvents.Handle).WithTags("Events").WithName("ListEvents")
            .RequireAuthorization(Policies.Agency)
            .PagesAsFeed()
            .WithSummary("The caller's events in order; pass nextCursor back as cursor and no event is skipped or repeated.")
            .WithDescription("`after` is an older name of `cursor`, still accepted; give one of them, not both.")
            .ProducesProblems(400, 403);
        return app;
    }
}
