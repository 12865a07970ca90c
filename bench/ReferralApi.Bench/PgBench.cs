using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ReferralApi.Bench;

/// <summary>
/// Replays the statements of one API request with <c>pgbench</c> (prepared mode) from a script in
/// <c>bench/pgbench</c>: the database's own ceiling for that request. Latency percentiles come
/// from pgbench's per-transaction log.
/// </summary>
internal static partial class PgBench
{
    public static async Task<LoadResult> RunAsync(string script, string connectionString, int clients, int seconds,
        IReadOnlyDictionary<string, string> variables, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var logDirectory = Directory.CreateTempSubdirectory("pgbench-").FullName;
        var start = new ProcessStartInfo("pgbench") { WorkingDirectory = logDirectory };
        foreach (var arg in new[]
        {
            "-n", "-M", "prepared", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", Math.Min(clients, 2).ToString(CultureInfo.InvariantCulture),
            "-T", seconds.ToString(CultureInfo.InvariantCulture), "-l", "--log-prefix", Path.Combine(logDirectory, "tx"),
            "-f", Path.GetFullPath(script), "-h", c.Host!, "-p", c.Port.ToString(CultureInfo.InvariantCulture), "-U", c.Username!,
        }.Concat(variables.SelectMany(v => new[] { "-D", $"{v.Key}={v.Value}" })).Append(c.Database!))
        {
            start.ArgumentList.Add(arg);
        }

        try
        {
            var (exit, output, error) = await Processes.RunAsync(start, ct);
            var processed = ProcessedPattern().Match(output);
            if (exit != 0 || !processed.Success)
            {
                throw new BenchFailure($"pgbench {Path.GetFileName(script)} c={clients} failed (exit {exit}): {Processes.Reason(error, output)}");
            }

            // Each log line: client, transaction number, latency in microseconds, script, epoch, microseconds.
            var latencies = Directory.GetFiles(logDirectory, "tx*")
                .SelectMany(File.ReadLines)
                .Select(l => l.Split(' '))
                .Where(f => f.Length > 2 && double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                .Select(f => double.Parse(f[2], CultureInfo.InvariantCulture) / 1000)
                .Order().ToList();
            var transactions = long.Parse(processed.Groups[1].Value, CultureInfo.InvariantCulture);
            var failed = FailedPattern().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
            return new LoadResult(transactions, seconds, Pct(latencies, 50), Pct(latencies, 99), failed);
        }
        finally
        {
            Directory.Delete(logDirectory, recursive: true);
        }
    }

    private static double Pct(List<double> sorted, double p) => sorted.Count == 0 ? double.NaN : ResultFile.Percentile(sorted, p);

    [GeneratedRegex(@"number of transactions actually processed: (\d+)")]
    private static partial Regex ProcessedPattern();

    [GeneratedRegex(@"number of failed transactions: (\d+)")]
    private static partial Regex FailedPattern();
}
