using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.Bench;

/// <summary>What the benchmark creates through the API itself: agencies, keys, one real referral, a webhook.</summary>
internal sealed class BenchApi(Uri baseAddress, string adminKey) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };

    public Uri BaseAddress => baseAddress;

    /// <summary>An active agency; <paramref name="withKey"/> also issues it an API key.</summary>
    public async Task<(Guid Id, string? Key)> CreateAgencyAsync(string code, bool withKey, CancellationToken ct)
    {
        var body = new JsonObject
        {
            ["code"] = code,
            ["name"] = "Bench agency " + code,
            ["sector"] = "women_child_protection",
            ["regionCode"] = "61",
            ["roles"] = new JsonArray("agency"),
            ["services"] = new JsonArray("psychosocial", "safe_house"),
            ["acceptsReferrals"] = true,
        };
        var id = Guid.Parse((string)(await PostAsync("/v1/agencies", body, adminKey, ct))["id"]!, CultureInfo.InvariantCulture);
        if (!withKey)
        {
            return (id, null);
        }

        var key = (string)(await PostAsync($"/v1/agencies/{id}/api-keys", null, adminKey, ct))["key"]!;
        return (id, key);
    }

    /// <summary>A referral from <paramref name="fromKey"/>'s agency, for its referral and case ids.</summary>
    public async Task<(Guid ReferralId, Guid CaseId)> SendReferralAsync(string fromKey, Guid to, CancellationToken ct)
    {
        var body = ReferralBody(to, null);
        var created = await PostAsync("/v1/referrals", body, fromKey, ct);
        return (Guid.Parse((string)created["id"]!, CultureInfo.InvariantCulture), Guid.Parse((string)created["caseId"]!, CultureInfo.InvariantCulture));
    }

    /// <summary>A small valid create to <paramref name="to"/>, with <paramref name="externalReference"/> when given.</summary>
    public static JsonObject ReferralBody(Guid to, string? externalReference) => new()
    {
        ["toAgencyId"] = to.ToString(),
        ["externalReference"] = externalReference,
        ["urgency"] = "urgent",
        ["violenceTypes"] = new JsonArray("physical"),
        ["servicesRequested"] = new JsonArray("psychosocial"),
        ["reason"] = "Benchmark referral.",
        ["subject"] = new JsonObject { ["initials"] = "B.M.", ["sex"] = "female", ["ageYears"] = 30 },
        ["legalBasis"] = "consent",
        ["consent"] = new JsonObject
        {
            ["givenBy"] = "subject",
            ["obtainedAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["obtainedBy"] = "Bench",
            ["scope"] = "benchmark",
        },
    };

    public async Task<Guid> SubscribeAsync(string key, Uri url, CancellationToken ct)
    {
        var body = new JsonObject { ["url"] = url.ToString(), ["description"] = "benchmark receiver" };
        return Guid.Parse((string)(await PostAsync("/v1/webhooks", body, key, ct))["id"]!, CultureInfo.InvariantCulture);
    }

    public HttpClient ClientFor(string key)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    public void Dispose() => http.Dispose();

    private async Task<JsonNode> PostAsync(string path, JsonObject? body, string key, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        request.Content = body is null ? null : JsonContent.Create(body);
        using var response = await http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!;
    }
}
