using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>The closing table: feed latencies with their large/small ratios, and delivery rates against the targets.</summary>
internal static class Report
{
    private const double RatioTarget = 1.5;
    private const double RateTarget = 500;

    public static void Print(IReadOnlyList<Result> results)
    {
        var feed = results.Where(r => r.Kind == ResultFile.Feed).ToList();
        Console.WriteLine();
        Console.WriteLine($"Feed poll: GET /v1/events?limit={FeedBench.PollLimit}, one client, one request at a time (median and p95 over the measured polls)");
        Line("engine", "events", "agency's", "cursor", "items", "polls", "median ms", "p95 ms");
        foreach (var r in feed)
        {
            Line(r.Engine, N(r.Events), N(r.Values[0]), r.Case, N(r.Values[1]), N(r.Values[4]), F(r.Values[2]), F(r.Values[3]));
        }

        Console.WriteLine();
        Console.WriteLine($"Ratio largest/smallest table, same cursor position (target <= {RatioTarget})");
        Line("engine", "cursor", "sizes", "median", "p95", "verdict");
        foreach (var group in feed.GroupBy(r => (r.Engine, r.Case)))
        {
            var small = group.MinBy(r => r.Events)!;
            var large = group.MaxBy(r => r.Events)!;
            if (small == large)
            {
                continue;
            }

            var median = large.Values[2] / small.Values[2];
            var p95 = large.Values[3] / small.Values[3];
            Line(group.Key.Engine, group.Key.Case, $"{N(large.Events)}/{N(small.Events)}", F(median), F(p95), median <= RatioTarget ? "ok" : "over target");
        }

        Console.WriteLine();
        Console.WriteLine($"Deliveries to a loopback receiver answering 204, drained by the API's own worker (target >= {RateTarget}/s)");
        Line("engine", "events", "queued", "delivered/s", "arrivals/s", "pickup ms", "received", "distinct", "verdict", "settings");
        foreach (var r in results.Where(r => r.Kind == ResultFile.Delivery))
        {
            Line(r.Engine, N(r.Events), N(r.Values[0]), F(r.Values[1]), F(r.Values[2]), F(r.Values[3]), N(r.Values[4]), N(r.Values[5]),
                r.Values[1] >= RateTarget ? "ok" : "under target", r.Case);
        }

        Console.WriteLine();
        Console.WriteLine("Bulk loads (direct SQL, not part of any figure above)");
        Line("engine", "events", "rows added", "seconds");
        foreach (var r in results.Where(r => r.Kind == ResultFile.Load))
        {
            Line(r.Engine, N(r.Events), N(r.Values[1]), F(r.Values[0]));
        }
    }

    private static void Line(params string[] cells) =>
        Console.WriteLine(string.Join("  ", cells.Select((c, i) => i == 0 ? c.PadRight(9) : c.PadLeft(i == cells.Length - 1 ? 0 : 11))));

    private static string N(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double value) => value.ToString(value >= 100 ? "N0" : "0.00", CultureInfo.InvariantCulture);
}
