using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;

namespace ReferralApi.IntegrationTests.Support;

/// <summary>
/// Builds a test's own data through the public API: agencies with keys, valid referral bodies,
/// and referrals moved to a wanted status. No rows are shared between tests.
/// </summary>
public static class Scenario
{
    private static int counter;

    /// <summary>Creates an active agency (role <c>agency</c> unless told) and issues it a key holding the <c>keys</c> permission.</summary>
    public static async Task<TestAgency> CreateAgencyAsync<TEngine>(
        this ApiFixture<TEngine> fx,
        string[]? roles = null,
        string[]? services = null,
        bool acceptsReferrals = true,
        string sector = "women_child_protection",
        string regionCode = "61",
        string capacityStatus = "open")
        where TEngine : IEngine
    {
        using var admin = fx.CreateAdminClient();
        var code = $"T-{Interlocked.Increment(ref counter)}-{Guid.NewGuid().ToString("N")[..10].ToUpperInvariant()}";
        var body = new JsonObject
        {
            ["code"] = code,
            ["name"] = "Test agency " + code,
            ["sector"] = sector,
            ["regionCode"] = regionCode,
            ["roles"] = ToArray(roles ?? ["agency"]),
            ["services"] = ToArray(services ?? ["psychosocial", "safe_house", "medical", "legal_aid"]),
            ["acceptsReferrals"] = acceptsReferrals,
            ["capacityStatus"] = capacityStatus,
        };
        using var created = await admin.PostJsonAsync("/v1/agencies", body);
        var agency = await created.ExpectAsync(HttpStatusCode.Created);
        var id = Guid.Parse((string)agency["id"]!);
        // The agency's first key manages its keys, as the key an agency's administrator holds would.
        using var keyResponse = await admin.PostJsonAsync($"/v1/agencies/{id}/api-keys", new JsonObject { ["permissions"] = new JsonArray("keys") });
        var key = (string)(await keyResponse.ExpectAsync(HttpStatusCode.Created))["key"]!;
        return new TestAgency(id, code, key, fx.CreateClient(key));
    }

    /// <summary>A complete, valid referral body to <paramref name="to"/>, with every optional field filled.</summary>
    public static JsonObject ReferralBody(Guid to) => new()
    {
        ["toAgencyId"] = to.ToString(),
        ["externalReference"] = "LP/" + Guid.NewGuid().ToString("N")[..12],
        ["urgency"] = "urgent",
        ["violenceTypes"] = ToArray(["sexual", "trafficking"]),
        ["trafficking"] = new JsonObject
        {
            ["purposes"] = ToArray(["sexual_exploitation"]),
            ["modes"] = ToArray(["mail_order_bride"]),
            ["crossBorder"] = true,
            ["borderPost"] = "entikong",
        },
        ["servicesRequested"] = ToArray(["psychosocial", "safe_house"]),
        ["reason"] = "Returned through Entikong; needs a safe house and counselling.",
        ["incident"] = new JsonObject { ["occurredOn"] = "2026-11-20", ["regionCode"] = "61.03", ["place"] = "workplace" },
        ["subject"] = new JsonObject
        {
            ["initials"] = "S.A.",
            ["fullName"] = "Siti Aminah Testdata",
            ["sex"] = "female",
            ["birthDate"] = "2001-04-01",
            ["nationalId"] = "6101010104010001",
            ["nationality"] = "ID",
            ["phone"] = "+62 812 0000 1111",
            ["address"] = "Jl. Contoh No. 1, Sambas",
            ["regionCode"] = "61.01",
            ["disability"] = false,
            ["safeContact"] = new JsonObject { ["doNotContact"] = false, ["preferredChannel"] = "via_sender", ["notes"] = "Call the officer first." },
        },
        ["legalBasis"] = "consent",
        ["consent"] = new JsonObject
        {
            ["givenBy"] = "subject",
            ["obtainedAt"] = "2026-11-27T08:00:00Z",
            ["obtainedBy"] = "Bripka R.",
            ["scope"] = "share with UPTD PPA for recovery services",
        },
    };

    /// <summary>Sends a referral from <paramref name="from"/> to <paramref name="to"/> and returns the created body.</summary>
    public static async Task<JsonNode> SendReferralAsync(TestAgency from, TestAgency to, Action<JsonObject>? adjust = null)
    {
        var body = ReferralBody(to.Id);
        adjust?.Invoke(body);
        using var response = await from.Client.PostJsonAsync("/v1/referrals", body);
        return await response.ExpectAsync(HttpStatusCode.Created);
    }

    /// <summary>The receiver answers: <c>received</c>, <c>accepted</c> or <c>declined</c> (with no_capacity).</summary>
    public static async Task<JsonNode> AcknowledgeAsync(TestAgency receiver, Guid referralId, string decision)
    {
        var body = new JsonObject { ["decision"] = decision };
        if (decision == "declined")
        {
            body["reasonCode"] = "no_capacity";
        }

        using var response = await receiver.Client.PostJsonAsync($"/v1/referrals/{referralId}/acknowledgement", body);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>A later move with whatever the transition table requires filled in.</summary>
    public static async Task<JsonNode> MoveAsync(TestAgency party, Guid referralId, string status)
    {
        using var response = await party.Client.PostJsonAsync($"/v1/referrals/{referralId}/status", StatusBody(status));
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static JsonObject StatusBody(string status) => status switch
    {
        "completed" => new JsonObject { ["status"] = status, ["outcome"] = "Services delivered." },
        "in_progress" => new JsonObject { ["status"] = status },
        _ => new JsonObject { ["status"] = status, ["reasonCode"] = "safety_risk" },
    };

    public static Guid IdOf(JsonNode node) => Guid.Parse((string)node["id"]!);

    public static HttpClient WithKey(this HttpClient client, string key)
    {
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static JsonArray ToArray(string[] values) => new([.. values.Select(v => (JsonNode)v)]);
}
