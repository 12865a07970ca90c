using Microsoft.AspNetCore.Mvc;
using ReferralApi.Infrastructure.Idempotency;

namespace ReferralApi.Infrastructure.OpenApi;

/// <summary>Declares the error answers and headers of a route so the OpenAPI document lists them.</summary>
internal static class EndpointMetadata
{
    /// <summary>
    /// Every authenticated route can also answer 401 and 503 (database briefly unavailable), and
    /// every route 500; those are added by the document filter, not repeated here.
    /// </summary>
    public static RouteHandlerBuilder ProducesProblems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            builder.Produces<ProblemDetails>(status, "application/problem+json");
        }

        return builder;
    }

    public static RouteHandlerBuilder AcceptsIdempotencyKey(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new IdempotentRouteMetadata()).ProducesProblems(409, 422);

    /// <summary>The 200 answer is also available as <c>text/csv</c> for <c>Accept: text/csv</c>.</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new CsvRouteMetadata());

    /// <summary>The 2xx answer carries <c>ETag: "&lt;version&gt;"</c>.</summary>
    public static RouteHandlerBuilder SendsEntityTag(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new EntityTagRouteMetadata());

    /// <summary>A feed whose <c>limit</c> has its own default and maximum (<c>GET /v1/events</c>).</summary>
    public static RouteHandlerBuilder PagesAsFeed(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new FeedLimitMetadata());

    /// <summary>The body is a file of one of <paramref name="mediaTypes"/>, raw or as the one file part of a multipart form.</summary>
    public static RouteHandlerBuilder AcceptsFile(this RouteHandlerBuilder builder, IReadOnlyList<string> mediaTypes, long maxBytes) =>
        builder.WithMetadata(new FileUploadMetadata(mediaTypes, maxBytes)).ProducesProblems(413, 415);

    /// <summary>The 200 and 206 answers are a file of one of <paramref name="mediaTypes"/>, with ETag, Accept-Ranges and Content-Range.</summary>
    public static RouteHandlerBuilder SendsFile(this RouteHandlerBuilder builder, IReadOnlyList<string> mediaTypes, long maxBytes) =>
        builder.WithMetadata(new FileDownloadMetadata(mediaTypes, maxBytes)).Produces(200).Produces(206).ProducesProblems(416);

    /// <summary>The 200 answer to <c>HEAD</c> carries a download's headers and no body.</summary>
    public static RouteHandlerBuilder SendsFileHeaders(this RouteHandlerBuilder builder, IReadOnlyList<string> mediaTypes, long maxBytes) =>
        builder.WithMetadata(new FileDownloadMetadata(mediaTypes, maxBytes, HeadersOnly: true)).Produces(200);

    public static RouteHandlerBuilder AcceptsIfMatch(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new ConditionalRouteMetadata()).ProducesProblems(412);
}

/// <summary>Marks a route that honours <see cref="IdempotencyKeys.HeaderName"/>.</summary>
internal sealed class IdempotentRouteMetadata;

/// <summary>Marks a route whose 200 answer is also served as CSV.</summary>
internal sealed class CsvRouteMetadata;

/// <summary>Marks a route whose answers carry the referral's <c>ETag</c>.</summary>
internal sealed class EntityTagRouteMetadata;

/// <summary>Marks the event feed, whose limit is not the lists' 1–200.</summary>
internal sealed class FeedLimitMetadata;

/// <summary>Marks the upload route: its body is a file, raw or in a multipart form.</summary>
internal sealed record FileUploadMetadata(IReadOnlyList<string> MediaTypes, long MaxBytes);

/// <summary>Marks a route that answers with a file, or (<paramref name="HeadersOnly"/>) with the headers of one.</summary>
internal sealed record FileDownloadMetadata(IReadOnlyList<string> MediaTypes, long MaxBytes, bool HeadersOnly = false);

/// <summary>Marks a route that honours <c>If-Match</c>.</summary>
internal sealed class ConditionalRouteMetadata;
