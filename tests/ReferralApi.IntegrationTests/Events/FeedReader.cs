using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Events;

/// <summary>
/// Polls the feed the way an integrator would. On PostgreSQL the feed holds events back while
/// any older transaction on the server is still open (other test classes share the server), so
/// waiting for an expected count polls again instead of assuming the first answer is final.
/// </summary>
internal static class FeedReader
{
    public static async Task<(List<JsonNode> Items, string NextCursor)> PollAsync(HttpClient client, string? after, string query = "")
    {
        var url = "/v1/events?limit=100" + query + (after is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(after));
        using var response = await client.GetAsync(url, Http.Ct);
        var page = await response.ExpectAsync(HttpStatusCode.OK);
        var next = (string?)page["nextCursor"];
        Assert.False(string.IsNullOrEmpty(next), "nextCursor must always be present.");
        return ([.. page["items"]!.AsArray().Select(i => i!)], next!);
    }

    /// <summary>Reads from <paramref name="after"/> until at least <paramref name="count"/> events arrived (or 15 s passed).</summary>
    public static async Task<(List<JsonNode> Items, string NextCursor)> ReadAtLeastAsync(HttpClient client, string? after, int count, string query = "")
    {
        var items = new List<JsonNode>();
        var cursor = after;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var (page, next) = await PollAsync(client, cursor, query);
            items.AddRange(page);
            cursor = next;
            if (items.Count >= count || DateTime.UtcNow > deadline)
            {
                return (items, cursor!);
            }

            if (page.Count == 0)
            {
                await Task.Delay(100, Http.Ct);
            }
        }
    }
}
