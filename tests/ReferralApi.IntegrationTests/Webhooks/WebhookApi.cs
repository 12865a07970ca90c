using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Webhooks;

/// <summary>The webhook routes as an integrator calls them.</summary>
internal static class WebhookApi
{
    public static async Task<(Guid Id, string Secret)> SubscribeAsync(TestAgency agency, string url, params string[] eventTypes)
    {
        var body = new JsonObject { ["url"] = url, ["eventTypes"] = new JsonArray([.. eventTypes.Select(t => (JsonNode)t)]), ["description"] = "case system" };
        using var response = await agency.Client.PostJsonAsync("/v1/webhooks", body);
        var created = await response.ExpectAsync(HttpStatusCode.Created);
        return (Scenario.IdOf(created), (string)created["secret"]!);
    }

    public static async Task<JsonNode> GetAsync(TestAgency agency, Guid id)
    {
        using var response = await agency.Client.GetAsync($"/v1/webhooks/{id}", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<List<JsonNode>> DeliveriesAsync(TestAgency agency, Guid id)
    {
        using var response = await agency.Client.GetAsync($"/v1/webhooks/{id}/deliveries?limit=200", Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        return [.. page["items"]!.AsArray().Select(i => i!)];
    }

    /// <summary>Reads the delivery log until <paramref name="done"/> holds, or fails after <paramref name="seconds"/>.</summary>
    public static async Task<List<JsonNode>> WaitForLogAsync(TestAgency agency, Guid id, Func<List<JsonNode>, bool> done, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var log = await DeliveriesAsync(agency, id);
            if (done(log))
            {
                return log;
            }

            Assert.True(DateTime.UtcNow < deadline, "The delivery log did not reach the expected state: " + string.Join(", ", log.Select(d => d.ToJsonString())));
            await Task.Delay(50, Http.Ct);
        }
    }

    public static bool AllDelivered(List<JsonNode> log, int count) =>
        log.Count == count && log.All(d => (string?)d["status"] == "delivered");

    public static async Task<JsonNode> PingAsync(TestAgency agency, Guid id)
    {
        using var response = await agency.Client.PostJsonAsync($"/v1/webhooks/{id}/ping", null);
        return await response.ExpectAsync(HttpStatusCode.Accepted);
    }
}
