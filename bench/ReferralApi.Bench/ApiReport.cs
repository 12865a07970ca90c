using System.Globalization;
using System.Text;

namespace ReferralApi.Bench;

/// <summary>
/// The request benchmark's one table, printed and written as markdown: every case with its
/// ratios to its replay and to the trivial endpoint, the targets of issue 10 beside the figures,
/// and a line for every replay whose statement count differs from what the API really sent.
/// </summary>
internal static class ApiReport
{
    private const int Loaded = 32;

    public static void Write(IReadOnlyList<Result> results, IReadOnlyList<string> statements, string? markdownFile, string loadBefore)
    {
        var rows = results.Where(r => r.Kind == ApiResults.Kind).ToList();
        var peaks = results.Where(r => r.Kind == ApiResults.Peak).ToDictionary(r => r.Engine, r => r.Values[0]);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores; load average {loadBefore} before the run, {LoadAverage()} after it.");
        foreach (var sync in results.Where(r => r.Kind == ApiResults.DiskSync).GroupBy(r => r.Engine))
        {
            var times = string.Join("; ", sync.Select(r => string.Create(CultureInfo.InvariantCulture, $"p50 {r.Values[0]:N0} µs, p99 {r.Values[1]:N0} µs {r.Case} its cases")));
            md.AppendLine(CultureInfo.InvariantCulture, $"Disk sync beside the {sync.Key} database (4 KiB write + fsync, 200 in a row): {times}.");
        }

        md.AppendLine(CultureInfo.InvariantCulture, $"API rate limits for the run: {string.Join(", ", ApiRun.Limits.Select(l => $"{l.Key}={l.Value}"))}.");
        md.AppendLine();
        md.AppendLine("| engine | case | c | req/s | p50 ms | p99 ms | vs replay | vs trivial | alloc KB/req | RSS MB | stmts/req | checkouts/req | errors |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            var replay = rows.FirstOrDefault(x => x.Engine == r.Engine && x.Events == r.Events && x.Case == ApiResults.ReplayOf(r.Case));
            var trivial = rows.FirstOrDefault(x => x.Engine == ApiResults.Trivial && x.Events == r.Events);
            var v = r.Values;
            md.AppendLine(CultureInfo.InvariantCulture, $"| {r.Engine} | {r.Case} | {r.Events} | {v[ApiResults.PerSecond]:N0} | {F(v[ApiResults.P50])} | {F(v[ApiResults.P99])} | " +
                $"{Ratio(r, replay)} | {(r.Engine == ApiResults.Trivial || r.Case.StartsWith("replay-", StringComparison.Ordinal) ? "" : Ratio(r, trivial))} | {F(v[ApiResults.AllocatedPerRequest] / 1024)} | {F(v[ApiResults.Rss])} | " +
                $"{F(v[ApiResults.Statements])} | {F(v[ApiResults.Checkouts])} | {v[ApiResults.Errors]:N0} |");
        }

        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"Targets (c={Loaded}):");
        md.AppendLine();
        foreach (var line in ApiTargets.Judge(rows, peaks, Loaded))
        {
            md.AppendLine("- " + line);
        }

        md.AppendLine();
        md.AppendLine("stmts/req: statements counted in pg_stat_statements per request, without BEGIN/COMMIT, which pg_stat_statements does not see when pgbench");
        md.AppendLine("prepares them. checkouts/req: the API's connections are multiplexed, so a statement outside a transaction checks out no connection of its own;");
        md.AppendLine("a transaction holds one from its BEGIN, counted in pg_stat_statements. Alloc and RSS are the API's (the trivial endpoint's on its rows).");
        md.AppendLine();
        md.AppendLine("Replay check (the same count, each statement rounded to whole sends per request, per request and per replayed transaction):");
        md.AppendLine();
        foreach (var line in HonestyLines(statements))
        {
            md.AppendLine("- " + line);
        }

        if (statements.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("Statements sent at least every other request (engine, case, c, per request, statement):");
            md.AppendLine();
            md.AppendLine("```");
            foreach (var s in statements)
            {
                md.AppendLine(s);
            }

            md.AppendLine("```");
        }

        Console.WriteLine();
        Console.WriteLine(md.ToString());
        if (markdownFile is not null)
        {
            File.WriteAllText(markdownFile, $"# bench-api: latest run ({DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC)\n\n{md}");
            Console.WriteLine($"Written to {markdownFile}");
        }
    }

    /// <summary>
    /// One line per request that has a replay, judged at the lowest concurrency (where at most one
    /// request is cut off when wrk stops): the statements sent at least every other request, each
    /// rounded to whole sends per request, against the same count for the replay's transactions.
    /// </summary>
    private static IEnumerable<string> HonestyLines(IReadOnlyList<string> statements)
    {
        var shares = statements.Select(l => l.Split('\t')).Where(f => f.Length == 5 && !StatementCounter.IsConnectionReset(f[4]) && !StatementCounter.IsTransactionControl(f[4]))
            .Select(f => (Engine: f[0], Case: f[1], C: int.Parse(f[2], CultureInfo.InvariantCulture), Sends: Math.Round(double.Parse(f[3], CultureInfo.InvariantCulture))))
            .ToList();
        foreach (var replay in shares.Where(s => s.Case.StartsWith("replay-", StringComparison.Ordinal)).Select(s => (s.Engine, s.Case)).Distinct())
        {
            var request = replay.Case["replay-".Length..];
            var c = shares.Where(s => s.Engine == replay.Engine && s.Case == request).Select(s => s.C).DefaultIfEmpty(0).Min();
            var sent = shares.Where(s => s.Engine == replay.Engine && s.Case == request && s.C == c).Sum(s => s.Sends);
            var replayed = shares.Where(s => s.Engine == replay.Engine && s.Case == replay.Case && s.C == c).Sum(s => s.Sends);
            yield return sent == replayed
                ? $"{request} (c={c}): the API sends {sent} statements per request, bench/pgbench/{request}.sql {replayed}: they match."
                : $"**{request} (c={c}): REPLAY DIFFERS**: the API sends {sent} statements per request, bench/pgbench/{request}.sql {replayed}; update the script from the statements listed below.";
        }
    }

    private static string Ratio(Result r, Result? baseline) =>
        baseline is null || baseline == r ? "" : string.Create(CultureInfo.InvariantCulture, $"{r.Values[ApiResults.PerSecond] / baseline.Values[ApiResults.PerSecond]:P1}");

    private static string F(double value) => double.IsNaN(value) ? "" : value.ToString(value >= 100 ? "N0" : "0.0#", CultureInfo.InvariantCulture);

    private static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
