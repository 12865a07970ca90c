using System.Net;
using Microsoft.Extensions.Options;
using Polly.CircuitBreaker;
using ReferralApi.Features.Webhooks;

namespace ReferralApi.UnitTests.Webhooks;

/// <summary>One circuit per receiving host: a dead receiver is skipped quickly while every other one keeps being called.</summary>
public sealed class WebhookResilienceTests
{
    [Fact]
    public async Task FailingReceiver_OpensOnlyItsOwnCircuit()
    {
        using var resilience = new WebhookResilience(Options.Create(new WebhookOptions
        {
            CircuitMinimumThroughput = 2,
            CircuitFailureRatio = 0.5,
            CircuitSamplingDuration = TimeSpan.FromSeconds(30),
            CircuitBreakDuration = TimeSpan.FromSeconds(30),
        }), TimeProvider.System);
        var dead = new Uri("https://dead.example/hooks");
        var healthy = new Uri("https://healthy.example/hooks");

        for (var i = 0; i < 2; i++)
        {
            using var failed = await resilience.For(dead).ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)), TestContext.Current.CancellationToken);
        }

        var calledDead = false;
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await resilience.For(dead).ExecuteAsync(_ =>
        {
            calledDead = true;
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }, TestContext.Current.CancellationToken));
        using var answered = await resilience.For(healthy).ExecuteAsync(_ => ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.NoContent)), TestContext.Current.CancellationToken);

        Assert.False(calledDead);
        Assert.Equal(HttpStatusCode.NoContent, answered.StatusCode);
    }
}
