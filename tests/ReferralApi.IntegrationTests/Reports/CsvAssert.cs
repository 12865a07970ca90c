using System.Text.Json.Nodes;

namespace ReferralApi.IntegrationTests.Reports;

/// <summary>Checks that the CSV form of a report holds exactly the figures of its JSON form.</summary>
internal static class CsvAssert
{
    private static readonly (string Dimension, string Figure)[] Dimensions =
    [
        ("byStatus", "status"), ("byUrgency", "urgency"), ("byViolenceType", "violence_type"), ("byService", "service"),
        ("byRegion", "region"), ("bySenderSector", "sender_sector"), ("byRecipientSector", "recipient_sector"),
    ];

    public static void SameFigures(JsonNode report, string csv)
    {
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("figure,key,value,suppressed", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToDictionary(f => (f[0], f[1]), f => (Value: f[2], Suppressed: f[3]));

        var expected = new List<((string, string) Key, JsonNode? Value, bool? Suppressed)>
        {
            (("report", "scope"), report["scope"], null),
            (("total", string.Empty), report["total"]!["count"], (bool)report["total"]!["suppressed"]!),
            (("overdue", "awaiting_answer"), report["overdue"]!["awaitingAnswer"]!["count"], (bool)report["overdue"]!["awaitingAnswer"]!["suppressed"]!),
            (("overdue", "answered_late"), report["overdue"]!["answeredLate"]!["count"], (bool)report["overdue"]!["answeredLate"]!["suppressed"]!),
        };
        foreach (var (dimension, figure) in Dimensions)
        {
            expected.AddRange(report[dimension]!.AsArray().Select(c => ((figure, (string)c!["code"]!), c["count"], (bool?)(bool)c["suppressed"]!)));
        }

        foreach (var (name, figure) in new[] { ("hoursToReceive", "hours_to_receive"), ("hoursToAnswer", "hours_to_answer") })
        {
            var durations = report[name]!;
            expected.Add(((figure, "referrals"), durations["referrals"]!["count"], (bool)durations["referrals"]!["suppressed"]!));
            expected.Add(((figure, "median"), durations["medianHours"], (bool)durations["suppressed"]!));
            expected.Add(((figure, "p90"), durations["p90Hours"], (bool)durations["suppressed"]!));
        }

        foreach (var month in report["months"]?.AsArray() ?? [])
        {
            expected.Add((("month_referrals", (string)month!["month"]!), month["referrals"]!["count"], (bool)month["referrals"]!["suppressed"]!));
            expected.Add((("month_overdue", (string)month["month"]!), month["overdue"]!["count"], (bool)month["overdue"]!["suppressed"]!));
        }

        foreach (var (key, value, suppressed) in expected)
        {
            Assert.True(rows.TryGetValue(key, out var row), $"The CSV has no line {key}.");
            Assert.Equal(Text(value), row.Value);
            Assert.Equal(suppressed switch { true => "true", false => "false", null => string.Empty }, row.Suppressed);
        }
    }

    // Numbers as the JSON wrote them (6, 4.6); the CSV must write them the same way.
    private static string Text(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number => v.ToJsonString(),
        _ => (string)value!,
    };
}
