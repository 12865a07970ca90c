using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Privacy;

/// <summary>The access-log routes as a party or an administrator reads them, following every page.</summary>
internal static class AccessLogApi
{
    public static async Task<List<JsonNode>> ForReferralAsync(HttpClient client, Guid referralId, int limit = 200) =>
        await AllPagesAsync(client, $"/v1/referrals/{referralId}/access-log?limit={limit}");

    public static async Task<List<JsonNode>> AllPagesAsync(HttpClient client, string url)
    {
        var items = new List<JsonNode>();
        string? cursor = null;
        do
        {
            using var response = await client.GetAsync(cursor is null ? url : $"{url}&cursor={Uri.EscapeDataString(cursor)}", Http.Ct);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            items.AddRange(page["items"]!.AsArray().Select(i => i!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        return items;
    }

    /// <summary>The id of the agency's only key.</summary>
    public static async Task<Guid> KeyIdAsync(TestAgency agency)
    {
        using var response = await agency.Client.GetAsync($"/v1/agencies/{agency.Id}/api-keys", Http.Ct);
        var keys = (await response.ExpectAsync(HttpStatusCode.OK))["items"]!.AsArray();
        return Guid.Parse((string)Assert.Single(keys)!["id"]!);
    }

    public static string[] Actions(IEnumerable<JsonNode> entries) => [.. entries.Select(e => (string)e["action"]!)];
}
