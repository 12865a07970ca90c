namespace ReferralApi.Bench;

/// <summary>
/// Pooled-connection checkouts per request, counted by PostgreSQL itself. The API's serving
/// connections skip Npgsql's reset when they go back to the pool (as in production), so the
/// measured runs leave no trace of a checkout in the database. This pass starts a second API on
/// the same database whose connections keep the reset (<c>No Reset On Close=false</c>): each
/// checkout then runs the reset's statements once, which pg_stat_statements counts. Each scenario
/// runs for a short while at each concurrency; only the counts are kept.
/// </summary>
internal static class CheckoutPass
{
    private const int Seconds = 2;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(BenchOptions o, string connection, string encryptionKey, ApiSeed seed, StatementCounter counter, CancellationToken ct)
    {
        Console.WriteLine($"{o.Provider}: counting checkouts on an API whose connections keep the reset");
        var counting = o with { ApiSettings = [.. ApiRun.Limits, .. o.ApiSettings] };
        await using var process = await ApiProcess.StartAsync(counting, connection + ";No Reset On Close=false", ct, encryptionKey);
        foreach (var scenario in ApiScenario.All)
        {
            var args = scenario.Arguments(seed);
            foreach (var connections in o.Concurrency)
            {
                await Task.Delay(Settle, ct);
                await counter.ResetAsync(ct);
                var load = await Wrk.RunAsync(scenario.Script(o.ScriptDirectory), process.BaseAddress, connections, Seconds, args, ct);
                var count = await counter.CountAsync(load.Requests, ct);
                ResultFile.Append(o.ResultsFile, new Result(ApiResults.CheckoutCount, o.Provider, connections, scenario.Name, [count.Checkouts]));
            }
        }
    }
}
