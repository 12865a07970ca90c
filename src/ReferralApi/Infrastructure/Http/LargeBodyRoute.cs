namespace ReferralApi.Infrastructure.Http;

/// <summary>
/// A route allowed a larger body than <see cref="RequestPipeline.MaxBodyBytes"/> (the attachment
/// upload). Its handler enforces its own limit while it reads, with its own problem; the server's
/// limit for the request is raised to <see cref="MaxBytes"/> so the handler's check comes first.
/// </summary>
internal sealed record LargeBodyRoute(Func<HttpRequest, bool> Matches, long MaxBytes);
