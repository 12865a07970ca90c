using System.Net;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Timeout;

namespace ReferralApi.Features.Webhooks;

/// <summary>
/// The <c>webhook-delivery</c> pipeline, one instance per receiving host and port: a per-attempt
/// timeout inside a circuit breaker. Each host has its own breaker, so a dead receiver is skipped
/// quickly while every other receiver keeps getting its deliveries. Retries are not here: the
/// schedule lives in the database.
/// </summary>
internal sealed class WebhookResilience(IOptions<WebhookOptions> options, TimeProvider clock) : IDisposable
{
    private readonly ResiliencePipelineRegistry<string> registry = new();

    public ResiliencePipeline<HttpResponseMessage> For(Uri receiver) =>
        registry.GetOrAddPipeline<HttpResponseMessage>("webhook-delivery:" + receiver.Authority, builder =>
        {
            var o = options.Value;
            builder.TimeProvider = clock;
            builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions<HttpResponseMessage>
            {
                FailureRatio = o.CircuitFailureRatio,
                MinimumThroughput = o.CircuitMinimumThroughput,
                SamplingDuration = o.CircuitSamplingDuration,
                BreakDuration = o.CircuitBreakDuration,
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500 || r.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests),
            });
            builder.AddTimeout(o.AttemptTimeout);
        });

    public void Dispose() => registry.Dispose();
}
