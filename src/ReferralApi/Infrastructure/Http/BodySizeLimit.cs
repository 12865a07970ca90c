using Microsoft.AspNetCore.Http.Metadata;

namespace ReferralApi.Infrastructure.Http;

/// <summary>Endpoint metadata raising the request body cap of one route above <see cref="RequestPipeline.MaxBodyBytes"/>.</summary>
internal sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
