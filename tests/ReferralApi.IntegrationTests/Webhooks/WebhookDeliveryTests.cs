using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Events;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>Deliveries to a real receiver on loopback: signed per Standard Webhooks, retried until they arrive.</summary>
public abstract class WebhookDeliveryTests<TEngine>(WebhookFixture<TEngine> fx) : IClassFixture<WebhookFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task Delivery_IsSigned_AndCarriesTheEventAsTheFeedShowsIt()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (_, secret) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);

        await Scenario.SendReferralAsync(sender, recipient);

        var delivery = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1));
        var (feed, _) = await FeedReader.ReadAtLeastAsync(recipient.Client, null, 1);
        var evt = Assert.Single(feed);
        Assert.Equal((string)evt["id"]!, delivery.WebhookId);
        Assert.True(JsonNode.DeepEquals(evt, delivery.Json), $"Body {delivery.Body} differs from the feed's {evt.ToJsonString()}");
        Assert.True(long.TryParse(delivery.Timestamp, out _));
        Assert.StartsWith("v1,", delivery.Signature, StringComparison.Ordinal);
        Assert.True(delivery.IsSignedWith(secret));
        Assert.StartsWith("application/json", delivery.ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivery_NamesItsSender_InUserAgent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        await WebhookApi.SubscribeAsync(recipient, receiver.Url);

        await Scenario.SendReferralAsync(sender, recipient);

        var delivery = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1));
        Assert.Matches(@"^ReferralApi-Webhooks/[0-9]+\.[0-9]+\.[0-9]+[0-9A-Za-z.\-]*$", delivery.UserAgent);
    }

    [Fact]
    public async Task FailingReceiver_GetsTheEventLater_WithTheSameWebhookIdAndAValidSignatureEachTime()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.FailNext(2, status: 503);
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);

        await Scenario.SendReferralAsync(sender, recipient);

        var attempts = await receiver.WaitUntilAsync(r => r.Any(d => d.AnsweredWith == 200));
        Assert.Equal([503, 503, 200], attempts.Select(a => a.AnsweredWith));
        Assert.Single(attempts.Select(a => a.WebhookId).Distinct());
        Assert.All(attempts, a => Assert.True(a.IsSignedWith(secret)));
        Assert.All(attempts, a => Assert.Equal(attempts[0].Body, a.Body));
        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => WebhookApi.AllDelivered(l, 1));
        Assert.Equal(3, (int)log[0]["attempts"]!);
        Assert.Equal(200, (int)log[0]["lastStatusCode"]!);
        Assert.Equal(attempts[0].WebhookId, (string)log[0]["id"]!);
    }

    [Fact]
    public async Task ReceiverDownForAWhile_ReceivesEveryEventOnceBack()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);
        await receiver.GoDownAsync();

        for (var i = 0; i < 3; i++)
        {
            await Scenario.SendReferralAsync(sender, recipient);
        }

        await WebhookApi.WaitForLogAsync(recipient, id, l => l.Count == 3 && l.All(d => (int)d["attempts"]! >= 1));
        await receiver.ComeBackAsync();

        var received = await receiver.WaitUntilAsync(r => r.Select(d => d.WebhookId).Distinct().Count() == 3);
        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => WebhookApi.AllDelivered(l, 3));
        Assert.Equal(log.Select(d => (string)d["id"]!).Order(), received.Select(d => d.WebhookId).Distinct().Order());
    }

    [Fact]
    public async Task Gone_DisablesTheSubscription_AndLaterEventsAreNotQueued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysAnswer(410);
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);
        var referral = Scenario.IdOf(await Scenario.SendReferralAsync(sender, recipient));

        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => l.Count == 1 && (string?)l[0]["status"] == "failed");
        Assert.Equal(410, (int)log[0]["lastStatusCode"]!);
        var webhook = await WebhookApi.GetAsync(recipient, id);
        Assert.Equal("disabled", (string)webhook["status"]!);
        Assert.Equal("receiver_gone", (string)webhook["statusReason"]!);

        await Scenario.AcknowledgeAsync(recipient, referral, "received");
        Assert.Single(await WebhookApi.DeliveriesAsync(recipient, id));
    }

    [Fact]
    public async Task LastAttemptFailing_MarksTheSubscriptionFailing_UntilADeliverySucceeds()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AlwaysAnswer(500);
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);
        await Scenario.SendReferralAsync(sender, recipient);

        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => l.Count == 1 && (string?)l[0]["status"] == "failed", seconds: 60);
        Assert.Equal(10, (int)log[0]["attempts"]!);
        Assert.Equal(500, (int)log[0]["lastStatusCode"]!);
        var failing = await WebhookApi.GetAsync(recipient, id);
        Assert.Equal("failing", (string)failing["status"]!);
        Assert.Equal("deliveries_failing", (string)failing["statusReason"]!);

        receiver.AlwaysAnswer(0);
        var ping = await WebhookApi.PingAsync(recipient, id);
        await WebhookApi.WaitForLogAsync(recipient, id, l => l.Any(d => (string?)d["id"] == (string?)ping["id"] && (string?)d["status"] == "delivered"), seconds: 60);
        Assert.Equal("active", (string)(await WebhookApi.GetAsync(recipient, id))["status"]!);
    }

    [Fact]
    public async Task Ping_And_Redeliver_ReachTheReceiver_RedeliveryWithTheSameWebhookId()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var agency = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(agency, receiver.Url);

        var ping = await WebhookApi.PingAsync(agency, id);
        var first = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1));
        Assert.Equal("webhook.ping", first.Type);
        Assert.Equal(id.ToString(), (string)first.Json["data"]!["webhookId"]!);
        Assert.Equal((string)ping["id"]!, first.WebhookId);
        await WebhookApi.WaitForLogAsync(agency, id, l => WebhookApi.AllDelivered(l, 1));

        using var redeliver = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/deliveries/{first.WebhookId}/redeliver", null);
        await redeliver.ExpectAsync(HttpStatusCode.Accepted);

        var both = await receiver.WaitUntilAsync(r => r.Count >= 2);
        Assert.Equal(first.WebhookId, both[1].WebhookId);
        Assert.True(both[1].IsSignedWith(secret));
    }

    [Fact]
    public async Task DuringTheRotationOverlap_DeliveriesAreSignedWithTheNewAndThePreviousSecret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var agency = await fx.CreateAgencyAsync();
        var (id, oldSecret) = await WebhookApi.SubscribeAsync(agency, receiver.Url);
        using var rotate = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/rotate-secret", null);
        var rotated = await rotate.ExpectAsync(HttpStatusCode.OK);
        var newSecret = (string)rotated["secret"]!;

        await WebhookApi.PingAsync(agency, id);

        var delivery = Assert.Single(await receiver.WaitUntilAsync(r => r.Count >= 1));
        Assert.NotEqual(oldSecret, newSecret);
        Assert.Equal(2, delivery.Signature.Split(' ').Length);
        Assert.True(delivery.IsSignedWith(newSecret));
        Assert.True(delivery.IsSignedWith(oldSecret));
        Assert.NotNull(rotated["previousSecretExpiresAt"]);
    }

    [Fact]
    public async Task OnlyTheSubscribedTypes_OfTheAgencysOwnReferrals_AreQueued()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        using var stranger = await fx.CreateAgencyAsync();
        var (id, _) = await WebhookApi.SubscribeAsync(recipient, receiver.Url, "referral.accepted");
        var referral = Scenario.IdOf(await Scenario.SendReferralAsync(sender, recipient));
        await Scenario.AcknowledgeAsync(recipient, referral, "accepted");
        var unrelated = Scenario.IdOf(await Scenario.SendReferralAsync(sender, stranger));
        await Scenario.AcknowledgeAsync(stranger, unrelated, "accepted");

        var log = await WebhookApi.WaitForLogAsync(recipient, id, l => WebhookApi.AllDelivered(l, 1));

        Assert.Equal("referral.accepted", (string)log[0]["eventType"]!);
        var delivery = Assert.Single(receiver.Received);
        Assert.Equal(referral.ToString(), (string)delivery.Json["data"]!["referralId"]!);
    }
}

public sealed class WebhookDeliveryTests_Sqlite(WebhookFixture<Sqlite> fx) : WebhookDeliveryTests<Sqlite>(fx);

public sealed class WebhookDeliveryTests_Postgres(WebhookFixture<Postgres> fx) : WebhookDeliveryTests<Postgres>(fx);

public sealed class WebhookDeliveryTests_SqlServer(WebhookFixture<SqlServer> fx) : WebhookDeliveryTests<SqlServer>(fx);
