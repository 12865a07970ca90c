using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>
/// One engine's request benchmark (scripts/bench-api.sh): a fresh database behind a freshly
/// started API with its rate limits lifted, several agencies with keys and referrals between
/// them, then each scenario under wrk at each concurrency, and on PostgreSQL the replays of a
/// create and a status read under pgbench, each straight after the API's own runs of it. Every figure goes to the results file.
/// </summary>
internal static class ApiRun
{
    /// <summary>The per-key token bucket set so high that no request of the run waits for it; printed with the results.</summary>
    public static readonly KeyValuePair<string, string>[] Limits =
    [
        new("RateLimiting:PerKey:TokenLimit", "1000000000"),
        new("RateLimiting:PerKey:TokensPerPeriod", "1000000000"),
        new("RateLimiting:PerAddress:PermitLimit", "1000000000"),
    ];

    /// <summary>After a load run, time for the requests still in flight (up to c) to finish before the next one is counted.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>The requests replayed under pgbench on PostgreSQL (bench/pgbench/NAME.sql).</summary>
    private static readonly string[] Replays = ["create", "status"];

    private const int KeyedAgencies = 8;
    private const int ReferralsPerAgency = 10;

    public static async Task RunAsync(BenchOptions o, CancellationToken ct)
    {
        var postgres = o.Provider == "postgres";
        var connection = postgres ? await BenchDatabase.CreatePostgresDatabaseAsync(o.Connection, ct) : o.Connection;
        Console.WriteLine($"{o.Provider}: starting the API with {string.Join(", ", Limits.Select(l => $"{l.Key}={l.Value}"))}");
        await using var process = await ApiProcess.StartAsync(o with { ApiSettings = [.. Limits, .. o.ApiSettings] }, connection, ct);
        using var api = new BenchApi(process.BaseAddress, process.AdminKey);
        var seed = await ApiSeed.CreateAsync(api, KeyedAgencies, ReferralsPerAgency, o.DataDirectory, ct);
        var counter = postgres ? await StatementCounter.OpenAsync(connection, ct) : null;
        var replayVariables = postgres ? await seed.ReplayVariablesAsync(connection, ct) : null;
        RecordDiskSync(o, connection, "before");

        foreach (var scenario in ApiScenario.All)
        {
            var args = scenario.Arguments(seed);
            Console.WriteLine($"{o.Provider}: {scenario.Name}: warming up for {o.WarmupSeconds}s");
            await Wrk.RunAsync(scenario.Script(o.ScriptDirectory), process.BaseAddress, 32, o.WarmupSeconds, args, ct);
            foreach (var connections in o.Concurrency)
            {
                await Task.Delay(Settle, ct);
                if (counter is not null)
                {
                    await counter.ResetAsync(ct);
                }

                using var allocations = AllocationCounter.Start(process.ProcessId);
                var load = await Wrk.RunAsync(scenario.Script(o.ScriptDirectory), process.BaseAddress, connections, o.DurationSeconds, args, ct);
                var allocated = await allocations.StopAsync(ct);
                var statements = counter is null ? null : await counter.CountAsync(load.Requests, ct);
                var (rss, _) = Processes.ResidentMegabytes(process.ProcessId);
                Record(o, scenario.Name, connections, load, allocated / Math.Max(1, load.Requests), rss, statements);
            }

            if (counter is not null && replayVariables is not null && Replays.Contains(scenario.Name))
            {
                // Highest concurrency first: it follows the API's own run at that concurrency, the last one measured.
                foreach (var clients in o.Concurrency.OrderDescending())
                {
                    await ReplayAsync(o, scenario.Name, clients, connection, counter, replayVariables, ct);
                }

                await counter.VacuumAsync(ct);
            }
        }

        RecordDiskSync(o, connection, "after");
        ResultFile.Append(o.ResultsFile, new Result(ApiResults.Peak, o.Provider, 0, "rss", [Processes.ResidentMegabytes(process.ProcessId).Peak]));
    }

    /// <summary>
    /// The database alone running the statements of a request the API has just been measured on,
    /// at the same concurrency, so that the ratio compares figures of the same minute: on a shared
    /// machine, figures taken minutes apart can fall in different spells. The replays of a request
    /// follow both of the API's runs of it, which thus run as they would without replays; the
    /// database is then vacuumed, so the replays' rows set off no autovacuum in the API's next case.
    /// </summary>
    private static async Task ReplayAsync(
        BenchOptions o, string replay, int clients, string connection, StatementCounter counter, IReadOnlyDictionary<string, string> variables, CancellationToken ct)
    {
        await Task.Delay(Settle, ct);
        Console.WriteLine($"{o.Provider}: replay of {replay} under pgbench, c={clients}");
        await counter.ResetAsync(ct);
        var load = await PgBench.RunAsync(Path.Combine(o.PgBenchDirectory, replay + ".sql"), connection, clients, o.DurationSeconds, variables, ct);
        Record(o, ApiResults.ReplayOf(replay), clients, load, double.NaN, double.NaN, await counter.CountAsync(load.Requests, ct));
    }

    /// <summary>The trivial endpoint under the same load generator and concurrencies.</summary>
    public static async Task RunTrivialAsync(BenchOptions o, CancellationToken ct)
    {
        await using var process = await ApiProcess.StartOtherAsync(o.TrivialDll, o, ct);
        var script = Path.Combine(o.ScriptDirectory, "trivial.lua");
        await Wrk.RunAsync(script, process.BaseAddress, 32, o.WarmupSeconds, [], ct);
        foreach (var connections in o.Concurrency)
        {
            using var allocations = AllocationCounter.Start(process.ProcessId);
            var load = await Wrk.RunAsync(script, process.BaseAddress, connections, o.DurationSeconds, [], ct);
            var allocated = await allocations.StopAsync(ct);
            Record(o, ApiResults.Trivial, connections, load, allocated / Math.Max(1, load.Requests), Processes.ResidentMegabytes(process.ProcessId).Now, null);
        }
    }

    /// <summary>The disk's sync time in the SQLite database's folder (the throwaway PostgreSQL server has fsync off, so only SQLite waits for it).</summary>
    private static void RecordDiskSync(BenchOptions o, string connection, string when)
    {
        if (o.Provider == "sqlite")
        {
            var database = (string)new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connection }["Data Source"];
            var (p50, p99) = DiskSyncProbe.Measure(Path.GetDirectoryName(Path.GetFullPath(database))!);
            ResultFile.Append(o.ResultsFile, new Result(ApiResults.DiskSync, o.Provider, 0, when, [p50, p99]));
        }
    }

    private static void Record(BenchOptions o, string name, int connections, LoadResult load, double allocatedPerRequest, double rss, StatementCount? statements)
    {
        var engine = name == ApiResults.Trivial ? ApiResults.Trivial : o.Provider;
        ResultFile.Append(o.ResultsFile, new Result(ApiResults.Kind, engine, connections, name,
            [load.PerSecond, load.P50Millis, load.P99Millis, load.Requests, load.Errors, allocatedPerRequest, rss,
             statements?.Statements ?? double.NaN, statements?.Checkouts ?? double.NaN]));
        foreach (var s in statements?.Frequent ?? [])
        {
            File.AppendAllLines(o.StatementsFile, [string.Join('\t', engine, name, connections.ToString(CultureInfo.InvariantCulture), s.PerRequest.ToString("0.00", CultureInfo.InvariantCulture), s.Query)]);
        }
    }
}
