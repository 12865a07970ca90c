using System.Net;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>Deliveries in only two slots, so a host stopped part-way has some sent, some in flight and some waiting.</summary>
public sealed class TwoSlotWebhookFixture<TEngine> : WebhookFixture<TEngine>
    where TEngine : IEngine
{
    public static readonly IReadOnlyDictionary<string, string?> TwoSlots =
        new Dictionary<string, string?>(FastDelivery) { ["Webhooks:MaxConcurrentDeliveries"] = "2" };

    protected override IReadOnlyDictionary<string, string?> Settings => TwoSlots;
}

/// <summary>The outbox lives in the database, so stopping the API loses no delivery: the next host sends what is left.</summary>
public abstract class WebhookRestartTests<TEngine>(TwoSlotWebhookFixture<TEngine> fx) : IClassFixture<TwoSlotWebhookFixture<TEngine>>
    where TEngine : IEngine
{
    [Fact]
    public async Task HostStoppedInTheMiddleOfDeliveries_TheNextHostCompletesEveryPendingOne()
    {
        const int Events = 6;
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerAfter(TimeSpan.FromMilliseconds(400));
        using var sender = await fx.CreateAgencyAsync();
        using var recipient = await fx.CreateAgencyAsync();
        var (id, secret) = await WebhookApi.SubscribeAsync(recipient, receiver.Url);
        for (var i = 0; i < Events; i++)
        {
            await Scenario.SendReferralAsync(sender, recipient);
        }

        await receiver.WaitUntilAsync(r => r.Count >= 2);
        await fx.Factory.DisposeAsync();
        var sentBeforeStop = receiver.Received.Select(d => d.WebhookId).Distinct().Count();
        receiver.AnswerAfter(TimeSpan.Zero);

        await using var restarted = SecondHost.Start(fx, TwoSlotWebhookFixture<TEngine>.TwoSlots);
        using var client = restarted.ClientFor(recipient);
        var log = await WaitForLogAsync(client, id, Events);

        Assert.True(sentBeforeStop < Events, "The host was to be stopped before it had sent everything.");
        var received = receiver.Received.Where(d => d.AnsweredWith == 200).ToList();
        Assert.Equal(log.Select(d => (string)d!["id"]!).Order(), received.Select(d => d.WebhookId).Distinct().Order());
        Assert.All(received, d => Assert.True(d.IsSignedWith(secret)));
    }

    private static async Task<List<System.Text.Json.Nodes.JsonNode?>> WaitForLogAsync(HttpClient client, Guid id, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            using var response = await client.GetAsync($"/v1/webhooks/{id}/deliveries", Http.Ct);
            var items = (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray().ToList();
            if (items.Count == count && items.All(d => (string?)d!["status"] == "delivered"))
            {
                return items;
            }

            Assert.True(DateTime.UtcNow < deadline, "Not every delivery completed after the restart: " + string.Join(", ", items.Select(d => d!.ToJsonString())));
            await Task.Delay(50, Http.Ct);
        }
    }
}

public sealed class WebhookRestartTests_Sqlite(TwoSlotWebhookFixture<Sqlite> fx) : WebhookRestartTests<Sqlite>(fx);

public sealed class WebhookRestartTests_Postgres(TwoSlotWebhookFixture<Postgres> fx) : WebhookRestartTests<Postgres>(fx);

public sealed class WebhookRestartTests_SqlServer(TwoSlotWebhookFixture<SqlServer> fx) : WebhookRestartTests<SqlServer>(fx);
