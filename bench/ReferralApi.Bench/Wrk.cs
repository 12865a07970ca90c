using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace ReferralApi.Bench;

/// <summary>What one load run measured: completed requests, their rate and latency, and the answers that were not 2xx/3xx.</summary>
internal sealed record LoadResult(long Requests, double Seconds, double P50Millis, double P99Millis, long Errors)
{
    public double PerSecond => Seconds > 0 ? Requests / Seconds : 0;
}

/// <summary>
/// Runs <c>wrk</c> with one of the Lua scenarios in <c>bench/wrk</c>; the scenario's <c>done()</c>
/// prints one <c>WRK_RESULT {json}</c> line, so nothing depends on wrk's human-readable report.
/// </summary>
internal static class Wrk
{
    public static async Task<LoadResult> RunAsync(string script, Uri url, int connections, int seconds, IReadOnlyList<string> scriptArgs, CancellationToken ct)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Two threads at most: the machine has two cores and also runs the API and its database.
        foreach (var arg in new[]
        {
            "-t", Math.Min(connections, 2).ToString(CultureInfo.InvariantCulture),
            "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", seconds.ToString(CultureInfo.InvariantCulture) + "s",
            "--timeout", "10s", "-s", Path.GetFullPath(script), url.ToString(), "--",
        }.Concat(scriptArgs))
        {
            start.ArgumentList.Add(arg);
        }

        var (exit, output, error) = await Processes.RunAsync(start, ct);
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("WRK_RESULT ", StringComparison.Ordinal));
        if (exit != 0 || line is null)
        {
            throw new BenchFailure($"wrk {Path.GetFileName(script)} c={connections} failed (exit {exit}): {Processes.Reason(error, output)}");
        }

        var json = JsonDocument.Parse(line["WRK_RESULT ".Length..]).RootElement;
        long Get(string name) => json.GetProperty(name).GetInt64();
        var errors = Get("statusErrors") + Get("connectErrors") + Get("readErrors") + Get("writeErrors") + Get("timeouts");
        return new LoadResult(Get("requests"), Get("durationMicros") / 1e6, Get("p50Micros") / 1e3, Get("p99Micros") / 1e3, errors);
    }
}
