using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// What the API makes of a receiver's failed answer: it waits at least as long as
/// <c>Retry-After</c> asks, it never follows a redirect to another address, and it gives up on
/// an attempt after <c>Webhooks:AttemptTimeout</c> and tries again.
/// </summary>
public abstract class WebhookReceiverAnswerTests<TEngine>(RetryAfterFixture<TEngine> fx) : IClassFixture<RetryAfterFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task RetryAfter_DelaysTheNextAttempt_BeyondTheSchedule()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(1, status: 503);
        receiver.AskToRetryAfter(2);
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, receiver.Url);

        await WebhookApi.PingAsync(agency, id);

        var attempts = await receiver.WaitUntilAsync(r => r.Any(d => d.AnsweredWith == 200));
        Assert.Equal([503, 200], attempts.Select(a => a.AnsweredWith));
        // The schedule alone would retry after about 0.1 s.
        Assert.True(attempts[1].ArrivedAt - attempts[0].ArrivedAt >= TimeSpan.FromSeconds(1.8), $"retried after {(attempts[1].ArrivedAt - attempts[0].ArrivedAt).TotalSeconds:0.00} s");
        var log = await WebhookApi.WaitForLogAsync(agency, id, l => WebhookApi.AllDelivered(l, 1));
        Assert.Equal(2, (int)log[0]["attempts"]!);
    }

    [Fact]
    public async Task SlowReceiver_AttemptTimesOut_AndIsRetriedUntilItAnswers()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAfter(TimeSpan.FromSeconds(20));
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, receiver.Url);

        await WebhookApi.PingAsync(agency, id);
        var timedOut = await WebhookApi.WaitForLogAsync(agency, id, l => l.Count == 1 && (string?)l[0]["lastError"] == "timeout");
        receiver.AnswerAfter(TimeSpan.Zero);

        Assert.Equal("pending", (string?)timedOut[0]["status"]);
        Assert.Null(timedOut[0]["lastStatusCode"]);
        await WebhookApi.WaitForLogAsync(agency, id, l => WebhookApi.AllDelivered(l, 1));
    }

    [Fact]
    public async Task Redirect_IsNotFollowed_AndCountsAsAFailedAttempt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var elsewhere = await WebhookReceiver.StartAsync();
        receiver.AlwaysAnswer(307);
        receiver.PointTo(elsewhere.Url);
        using var agency = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(agency, receiver.Url);

        await WebhookApi.PingAsync(agency, id);

        await receiver.WaitUntilAsync(r => r.Count >= 2);
        var log = await WebhookApi.WaitForLogAsync(agency, id, l => l.Count == 1 && (int)l[0]["attempts"]! >= 2);
        Assert.Equal(307, (int)log[0]["lastStatusCode"]!);
        Assert.Empty(elsewhere.Received);
    }
}

public sealed class WebhookReceiverAnswerTests_Sqlite(RetryAfterFixture<Sqlite> fx) : WebhookReceiverAnswerTests<Sqlite>(fx);

public sealed class WebhookReceiverAnswerTests_Postgres(RetryAfterFixture<Postgres> fx) : WebhookReceiverAnswerTests<Postgres>(fx);

public sealed class WebhookReceiverAnswerTests_SqlServer(RetryAfterFixture<SqlServer> fx) : WebhookReceiverAnswerTests<SqlServer>(fx);
