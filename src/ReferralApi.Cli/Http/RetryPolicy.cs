using System.Net;
using Polly;
using Polly.Retry;

namespace ReferralApi.Cli.Http;

/// <summary>
/// Bounded retries of what is worth retrying: 503 and 429 (waiting as long as <c>Retry-After</c>
/// says), 409 <c>idempotency-key-in-use</c> (the only 409 that carries <c>Retry-After</c>), and
/// network failures. Writes are safe to repeat because every one carries an idempotency key.
/// </summary>
internal static class RetryPolicy
{
    public const int MaxRetries = 4;

    /// <summary>The longest wait the CLI accepts; a server asking for more is reported instead, so a cron run never hangs.</summary>
    public static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(60);

    public static ResiliencePipeline<HttpResponseMessage> Create(TimeProvider clock, TimeSpan baseDelay) =>
        new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = baseDelay,
                MaxDelay = MaxWait,
                ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context.CancellationToken)),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
            })
            .Build();

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, CancellationToken ct)
    {
        if (outcome.Exception is not null)
        {
            // A timeout of HttpClient surfaces as TaskCanceledException; a cancellation by the user does not retry.
            return outcome.Exception is HttpRequestException || (outcome.Exception is TaskCanceledException && !ct.IsCancellationRequested);
        }

        var response = outcome.Result!;
        var retryable = response.StatusCode is HttpStatusCode.ServiceUnavailable or HttpStatusCode.TooManyRequests
            || (response.StatusCode == HttpStatusCode.Conflict && response.Headers.RetryAfter is not null);
        return retryable && (RetryAfter(response) ?? TimeSpan.Zero) <= MaxWait;
    }

    /// <summary>The server's <c>Retry-After</c> (seconds or a date), or null to fall back to the exponential backoff.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var header = response?.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
