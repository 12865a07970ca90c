using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>The targets of issue 10, judged on one run's figures at the loaded concurrency; a figure the run did not measure is said to be missing.</summary>
internal static class ApiTargets
{
    public static IEnumerable<string> Judge(IReadOnlyList<Result> rows, IReadOnlyDictionary<string, double> peakRss, int c)
    {
        double? Value(string engine, string name, int index) =>
            rows.FirstOrDefault(r => r.Engine == engine && r.Case == name && r.Events == c)?.Values[index];

        foreach (var request in new[] { "create", "status" })
        {
            var api = Value("postgres", request, ApiResults.PerSecond);
            var replay = Value("postgres", ApiResults.ReplayOf(request), ApiResults.PerSecond);
            yield return Verdict($"PostgreSQL {request} >= 50 % of its replay", api / replay, v => v >= 0.5, v => v.ToString("P0", CultureInfo.InvariantCulture));
        }

        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            yield return Verdict($"{engine} status read p99 <= 10 ms", Value(engine, "status", ApiResults.P99), v => v <= 10, v => Ms(v));
        }

        yield return Verdict("sqlite create >= 1,500/s", Value("sqlite", "create", ApiResults.PerSecond), v => v >= 1500, PerSecond);
        yield return Verdict("sqlite status read >= 8,000/s", Value("sqlite", "status", ApiResults.PerSecond), v => v >= 8000, PerSecond);
        foreach (var engine in new[] { "sqlite", "postgres" })
        {
            yield return Verdict($"{engine} status read allocates <= 20 KB", Value(engine, "status", ApiResults.AllocatedPerRequest) / 1024, v => v <= 20,
                v => v.ToString("0.0", CultureInfo.InvariantCulture) + " KB");
            yield return Verdict($"{engine} API RSS (peak) <= 200 MB", peakRss.TryGetValue(engine, out var rss) ? rss : null, v => v <= 200,
                v => v.ToString("0", CultureInfo.InvariantCulture) + " MB");
        }
    }

    private static string Verdict(string target, double? value, Func<double, bool> met, Func<double, string> format) =>
        value is not { } v || double.IsNaN(v) ? $"{target}: not measured in this run"
        : $"{target}: {format(v)}, {(met(v) ? "met" : "**not met**")}";

    private static string Ms(double v) => v.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static string PerSecond(double v) => v.ToString("N0", CultureInfo.InvariantCulture) + "/s";
}
