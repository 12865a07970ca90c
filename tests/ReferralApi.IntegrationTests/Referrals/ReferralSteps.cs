using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Referrals;

/// <summary>Brings a fresh referral to any status along the shortest legal path, and reads it back.</summary>
public static class ReferralSteps
{
    public static readonly string[] NonTerminal = ["sent", "received", "accepted", "in_progress", "on_hold"];

    public static readonly string[] Terminal = ["declined", "cancelled", "completed", "failed"];

    /// <summary>Sends a referral from <paramref name="sender"/> and moves it to <paramref name="status"/>.</summary>
    public static async Task<Guid> InStatusAsync(TestAgency sender, TestAgency receiver, string status, Action<JsonObject>? adjust = null)
    {
        var id = Scenario.IdOf(await Scenario.SendReferralAsync(sender, receiver, adjust));
        await MoveFromSentAsync(sender, receiver, id, status);
        return id;
    }

    /// <summary>The moves that lead from <c>sent</c> to <paramref name="status"/>.</summary>
    public static async Task MoveFromSentAsync(TestAgency sender, TestAgency receiver, Guid id, string status)
    {
        switch (status)
        {
            case "sent":
                break;
            case "received" or "accepted" or "declined":
                await Scenario.AcknowledgeAsync(receiver, id, status);
                break;
            case "cancelled":
                await Scenario.MoveAsync(sender, id, "cancelled");
                break;
            case "in_progress" or "on_hold" or "completed" or "failed":
                await Scenario.AcknowledgeAsync(receiver, id, "accepted");
                await Scenario.MoveAsync(receiver, id, status);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "Not a referral status.");
        }
    }

    public static async Task<JsonNode> GetAsync(TestAgency party, Guid id)
    {
        using var response = await party.Client.GetAsync($"/v1/referrals/{id}", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static async Task<JsonNode> StatusAsync(TestAgency party, Guid id)
    {
        using var response = await party.Client.GetAsync($"/v1/referrals/{id}/status", Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    public static string[] Strings(JsonNode? array) =>
        [.. array!.AsArray().Select(n => (string)n!)];

    /// <summary>Follows <c>nextCursor</c> from the first page to the last and returns every item's id in order.</summary>
    public static async Task<List<Guid>> AllPagesAsync(HttpClient client, string url, int limit)
    {
        var ids = new List<Guid>();
        string? cursor = null;
        var separator = url.Contains('?', StringComparison.Ordinal) ? '&' : '?';
        for (var page = 0; page < 100; page++)
        {
            var pageUrl = $"{url}{separator}limit={limit}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await client.GetAsync(pageUrl, Http.Ct);
            var body = await response.ExpectAsync(HttpStatusCode.OK);
            var items = body["items"]!.AsArray();
            Assert.True(items.Count <= limit, $"A page of {items.Count} items exceeds limit {limit}.");
            ids.AddRange(items.Select(i => Scenario.IdOf(i!)));
            cursor = (string?)body["nextCursor"];
            if (cursor is null)
            {
                return ids;
            }
        }

        throw new InvalidOperationException("Pagination did not end within 100 pages.");
    }
}
