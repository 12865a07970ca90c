using System.Diagnostics;
using System.Globalization;

namespace ReferralApi.Bench;

/// <summary>
/// One engine's run: a fresh database behind a freshly started API, 100 agencies, feed polls at
/// the small and then the large table size, then the delivery drain.
/// </summary>
internal static class EngineRun
{
    private const int Agencies = 100;

    public static async Task RunAsync(BenchOptions o, CancellationToken ct)
    {
        var connection = o.Provider == "postgres" ? await BenchDatabase.CreatePostgresDatabaseAsync(o.Connection, ct) : o.Connection;
        Console.WriteLine($"{o.Provider}: starting the API");
        await using var process = await ApiProcess.StartAsync(o, connection, ct);
        using var api = new BenchApi(process.BaseAddress, process.AdminKey);

        var (polled, polledKey) = await api.CreateAgencyAsync("BENCH-HUB", withKey: true, ct);
        var (partner, partnerKey) = await api.CreateAgencyAsync("BENCH-001", withKey: true, ct);
        List<Guid> agencies = [polled, partner];
        for (var i = agencies.Count; i < Agencies; i++)
        {
            agencies.Add((await api.CreateAgencyAsync($"BENCH-{i:000}", withKey: false, ct)).Id);
        }

        var (referral, caseId) = await api.SendReferralAsync(partnerKey!, polled, ct);
        await using var db = await BenchDatabase.OpenAsync(o.Provider, connection, ct);
        await db.MapAgenciesAsync(agencies, ct);
        using var client = api.ClientFor(polledKey!);

        var rows = await db.CountAllEventsAsync(ct);
        var next = 1L;
        foreach (var size in new[] { o.SmallEvents, o.LargeEvents })
        {
            Console.WriteLine($"{o.Provider}: loading events up to {size:N0}");
            var started = Stopwatch.GetTimestamp();
            var last = next + (size - rows) - 1;
            await db.LoadEventsAsync(next, last, referral, caseId, partner, ct);
            ResultFile.Append(o.ResultsFile, new Result(ResultFile.Load, o.Provider, size, "-", [Stopwatch.GetElapsedTime(started).TotalSeconds, last - next + 1]));
            (next, rows) = (last + 1, await db.CountAllEventsAsync(ct));
            await MeasureFeedAsync(o, db, client, polled, rows, warmProcess: size == o.SmallEvents, ct);
        }

        Console.WriteLine($"{o.Provider}: draining {o.Deliveries:N0} deliveries");
        var d = await DeliveryBench.RunAsync(api, db, polled, polledKey!, o.Deliveries, ct);
        ResultFile.Append(o.ResultsFile, new Result(ResultFile.Delivery, o.Provider, rows, Settings(o),
            [d.Count, d.PerSecond, d.SentPerSecond, d.PickupMillis, d.Received, d.DistinctIds]));
    }

    private static async Task MeasureFeedAsync(BenchOptions o, BenchDatabase db, HttpClient client, Guid polled, long rows, bool warmProcess, CancellationToken ct)
    {
        var expected = await db.CountEventsAsync(polled, ct);
        var (middle, tail, seen) = await FeedBench.WalkAsync(client, expected, ct);
        if (seen != expected)
        {
            throw new InvalidOperationException($"The feed returned {seen} events; the agency has {expected}.");
        }

        if (warmProcess)
        {
            await FeedBench.WarmUpProcessAsync(client, middle, tail, TimeSpan.FromSeconds(o.WarmupSeconds), ct);
        }

        foreach (var (position, cursor) in new[] { ("middle", middle), ("tail", tail) })
        {
            var (millis, items) = await FeedBench.TimeAsync(client, cursor, o.WarmupPolls, o.MeasuredPolls, ct);
            millis.Sort();
            ResultFile.Append(o.ResultsFile, new Result(ResultFile.Feed, o.Provider, rows, position,
                [expected, items, ResultFile.Percentile(millis, 50), ResultFile.Percentile(millis, 95), millis.Count]));
        }
    }

    /// <summary>The API settings the run changed, shown beside its delivery figures.</summary>
    private static string Settings(BenchOptions o) =>
        o.ApiSettings.Count == 0 ? "defaults" : string.Join(',', o.ApiSettings.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")));
}
