using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>
/// Two API instances on one PostgreSQL database, both running the delivery worker: claims skip
/// rows the other instance holds (FOR UPDATE SKIP LOCKED) and leases keep them reserved, so a
/// healthy receiver gets each event exactly once.
/// </summary>
public sealed class WebhookTwoInstanceTests(TwoSlotWebhookFixture<Postgres> fx) : IClassFixture<TwoSlotWebhookFixture<Postgres>>
{
    [Fact]
    public async Task TwoInstances_DeliverEachEventExactlyOnce()
    {
        const int Referrals = 15;
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAfter(TimeSpan.FromMilliseconds(20));
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        await using var second = SecondHost.Start(fx, TwoSlotWebhookFixture<Postgres>.TwoSlots);
        var (id, _) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);

        // Events are written through both instances, and both workers poll the same outbox.
        using var senderOnSecond = second.ClientFor(sender);
        for (var i = 0; i < Referrals; i++)
        {
            if (i % 2 == 0)
            {
                await Scenario.SendReferralAsync(sender, recipient);
            }
            else
            {
                await Scenario.SendReferralAsync(sender with { Client = senderOnSecond }, recipient);
            }
        }

        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => WebhookApi.AllDelivered(l, Referrals));

        var received = receiver.Received;
        Assert.Equal(Referrals, received.Count);
        Assert.Equal(Referrals, received.Select(d => d.WebhookId).Distinct().Count());
        Assert.All(log, d => Assert.Equal(1, (int)d["attempts"]!));
    }
}
