using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>Command-line settings; every size has a default that keeps one engine's run to a few minutes on 2 cores.</summary>
internal sealed record BenchOptions
{
    public string Command { get; init; } = "run";

    public string Provider { get; init; } = "sqlite";

    public string Connection { get; init; } = string.Empty;

    public string ApiDll { get; init; } = string.Empty;

    public string ResultsFile { get; init; } = "bench-results.tsv";

    public string LogFile { get; init; } = "bench-api.log";

    /// <summary>The systemd unit whose environment the API starts with (<see cref="DeployedEnvironment"/>).</summary>
    public string DeployUnit { get; init; } = DeployedEnvironment.DefaultUnit;

    /// <summary>Where to write the API's process id, so the calling script can stop it whatever happens to the benchmark.</summary>
    public string? ApiPidFile { get; init; }

    /// <summary>Rows in <c>events</c> for the small and the large measurement.</summary>
    public long SmallEvents { get; init; } = 10_000;

    public long LargeEvents { get; init; } = 1_000_000;

    public int WarmupPolls { get; init; } = 100;

    /// <summary>Polling before the first measurement, so the fresh API process reaches its steady state.</summary>
    public int WarmupSeconds { get; init; } = 10;

    public int MeasuredPolls { get; init; } = 500;

    public int Deliveries { get; init; } = 5_000;

    /// <summary>Referrals sent each way by the batch benchmark.</summary>
    public int BatchItems { get; init; } = 500;

    /// <summary>Referrals in the box the export benchmark exports.</summary>
    public int ExportRows { get; init; } = 100_000;

    public int TimeoutMinutes { get; init; } = 8;

    /// <summary>Request benchmark: seconds of each measured load run, and the concurrencies measured.</summary>
    public int DurationSeconds { get; init; } = 8;

    public IReadOnlyList<int> Concurrency { get; init; } = [1, 32];

    /// <summary>Request benchmark: where the wrk scenarios and the pgbench replays live, and the trivial endpoint's build.</summary>
    public string ScriptDirectory { get; init; } = "bench/wrk";

    public string PgBenchDirectory { get; init; } = "bench/pgbench";

    public string TrivialDll { get; init; } = string.Empty;

    /// <summary>Request benchmark: the rows the scenarios rotate through, the statements seen per request, the markdown table.</summary>
    public string DataDirectory { get; init; } = "bench-data";

    public string StatementsFile { get; init; } = "bench-statements.tsv";

    public string? MarkdownFile { get; init; }

    /// <summary>The load average when the calling script began, shown beside the one at the end.</summary>
    public string LoadBefore { get; init; } = "unknown";

    /// <summary>Extra API settings (<c>--set Webhooks:MaxConcurrentDeliveries=64</c>), for trying a configuration.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ApiSettings { get; init; } = [];

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions { Command = args.Length > 0 ? args[0] : "run" };
        var settings = new List<KeyValuePair<string, string>>();
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            var value = args[i + 1];
            o = args[i] switch
            {
                "--provider" => o with { Provider = value },
                "--connection" => o with { Connection = value },
                "--api" => o with { ApiDll = value },
                "--results" => o with { ResultsFile = value },
                "--log" => o with { LogFile = value },
                "--unit" => o with { DeployUnit = value },
                "--api-pid-file" => o with { ApiPidFile = value },
                "--small" => o with { SmallEvents = long.Parse(value, CultureInfo.InvariantCulture) },
                "--large" => o with { LargeEvents = long.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup" => o with { WarmupPolls = int.Parse(value, CultureInfo.InvariantCulture) },
                "--warmup-seconds" => o with { WarmupSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--polls" => o with { MeasuredPolls = int.Parse(value, CultureInfo.InvariantCulture) },
                "--export-rows" => o with { ExportRows = int.Parse(value, CultureInfo.InvariantCulture) },
                "--items" => o with { BatchItems = int.Parse(value, CultureInfo.InvariantCulture) },
                "--deliveries" => o with { Deliveries = int.Parse(value, CultureInfo.InvariantCulture) },
                "--timeout-minutes" => o with { TimeoutMinutes = int.Parse(value, CultureInfo.InvariantCulture) },
                "--duration" => o with { DurationSeconds = int.Parse(value, CultureInfo.InvariantCulture) },
                "--concurrency" => o with { Concurrency = [.. value.Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture))] },
                "--scripts" => o with { ScriptDirectory = value },
                "--pgbench" => o with { PgBenchDirectory = value },
                "--trivial" => o with { TrivialDll = value },
                "--data" => o with { DataDirectory = value },
                "--statements" => o with { StatementsFile = value },
                "--markdown" => o with { MarkdownFile = value },
                "--load-before" => o with { LoadBefore = value },
                "--set" => Add(o, settings, value),
                _ => throw new ArgumentException($"Unknown option {args[i]}"),
            };
        }

        return o with { ApiSettings = settings };
    }

    private static BenchOptions Add(BenchOptions o, List<KeyValuePair<string, string>> settings, string pair)
    {
        var at = pair.IndexOf('=', StringComparison.Ordinal);
        if (at <= 0)
        {
            throw new ArgumentException($"--set takes Key=Value, not {pair}");
        }

        settings.Add(new(pair[..at], pair[(at + 1)..]));
        return o;
    }
}
