using System.Net;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Support;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>Reads <c>GET /v1/reports/summary</c> and picks figures out of it.</summary>
internal static class ReportApi
{
    public static async Task<JsonNode> SummaryAsync(HttpClient client, string query = "")
    {
        using var response = await client.GetAsync("/v1/reports/summary" + query, Http.Ct);
        return await response.ExpectAsync(HttpStatusCode.OK);
    }

    /// <summary>The cell of <paramref name="code"/> in a dimension such as <c>byStatus</c>.</summary>
    public static JsonNode Cell(JsonNode report, string dimension, string code) =>
        report[dimension]!.AsArray().Single(c => (string?)c!["code"] == code)!;

    /// <summary>The published count of a cell, or null when suppressed (asserting the flag agrees).</summary>
    public static int? CountOf(JsonNode cell)
    {
        var suppressed = (bool)cell["suppressed"]!;
        var count = (int?)cell["count"];
        Assert.Equal(suppressed, count is null);
        return count;
    }

    public static int? CountOf(JsonNode report, string dimension, string code) => CountOf(Cell(report, dimension, code));

    /// <summary>Every (code, count) of a dimension with a non-zero or suppressed count.</summary>
    public static Dictionary<string, int?> NonZero(JsonNode report, string dimension) =>
        report[dimension]!.AsArray()
            .Where(c => (bool)c!["suppressed"]! || (int)c["count"]! != 0)
            .ToDictionary(c => (string)c!["code"]!, c => CountOf(c!));
}
