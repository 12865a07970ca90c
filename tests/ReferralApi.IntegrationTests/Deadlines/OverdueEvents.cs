using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Deadlines;

/// <summary>Reads an agency's <c>referral.overdue</c> events through the feed, and waits for them.</summary>
internal static class OverdueEvents
{
    /// <summary>Every overdue event in the agency's feed, from the beginning.</summary>
    public static async Task<List<JsonNode>> AllAsync(TestAgency agency)
    {
        var events = new List<JsonNode>();
        string? cursor = null;
        while (true)
        {
            var url = "/v1/events?types=referral.overdue&limit=500" + (cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor));
            using var response = await agency.Client.GetAsync(url, Http.Ct);
            var page = await response.ExpectAsync(HttpStatusCode.OK);
            var items = page["items"]!.AsArray();
            events.AddRange(items.Select(i => i!));
            cursor = (string?)page["nextCursor"];
            if (items.Count == 0)
            {
                return events;
            }
        }
    }

    public static async Task<List<JsonNode>> ForReferralAsync(TestAgency agency, Guid referralId) =>
        [.. (await AllAsync(agency)).Where(e => (string?)e["data"]!["referralId"] == referralId.ToString())];

    /// <summary>
    /// Waits until the agency's feed shows an overdue event for every given referral. A pass of the
    /// job takes every referral due at that moment, so once one is announced, every referral whose
    /// deadline came no later has been judged as well: tests use that as the point after which "no
    /// event" means none will come.
    /// </summary>
    public static async Task WaitForAsync(TestAgency agency, params Guid[] referralIds)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var announced = (await AllAsync(agency)).Select(e => Guid.Parse((string)e["data"]!["referralId"]!)).ToHashSet();
            if (referralIds.All(announced.Contains))
            {
                return;
            }

            Assert.True(DateTime.UtcNow < deadline, $"No referral.overdue event for {string.Join(", ", referralIds.Where(id => !announced.Contains(id)))} within 30 s.");
            await Task.Delay(50, Http.Ct);
        }
    }
}
