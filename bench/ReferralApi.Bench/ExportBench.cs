using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.Bench;

/// <summary>
/// The export's memory and first byte: a box of <c>--export-rows</c> referrals loaded through the
/// batch import, then exported as NDJSON while the API's RSS is sampled every 20 ms; reports the RSS
/// before, its peak during the export and the rise, the time to the first byte and to the last.
/// </summary>
internal static class ExportBench
{
    public static async Task RunAsync(BenchOptions o, CancellationToken ct)
    {
        var connection = o.Provider == "postgres" ? await BenchDatabase.CreatePostgresDatabaseAsync(o.Connection, ct) : o.Connection;
        await using var process = await ApiProcess.StartAsync(o, connection, ct);
        using var api = new BenchApi(process.BaseAddress, process.AdminKey);
        var (_, senderKey) = await api.CreateAgencyAsync("BENCH-SENDER", withKey: true, ct);
        var (receiver, receiverKey) = await api.CreateAgencyAsync("BENCH-RECEIVER", withKey: true, ct);
        using var sender = api.ClientFor(senderKey!);
        Console.WriteLine($"{o.Provider}: loading {o.ExportRows:N0} referrals through the batch import");
        for (var sent = 0; sent < o.ExportRows; sent += 500)
        {
            var items = new JsonArray([.. Enumerable.Range(sent, Math.Min(500, o.ExportRows - sent))
                .Select(i => (JsonNode)BenchApi.ReferralBody(receiver, string.Create(CultureInfo.InvariantCulture, $"BENCH/EXPORT/{i}")))]);
            using var response = await sender.PostAsJsonAsync("/v1/referrals/batch", items, ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new BenchFailure($"a batch answered {(int)response.StatusCode}");
            }
        }

        // Past the export's settle time (the benchmark sets it to zero) and with the process at rest.
        GC.Collect();
        await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var before = Rss(process.ProcessId);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, Rss(process.ProcessId));
                await Task.Delay(20, CancellationToken.None);
            }
        }, CancellationToken.None);

        using var client = api.ClientFor(receiverKey!);
        client.Timeout = TimeSpan.FromMinutes(10);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/referrals/export?box=inbox");
        request.Headers.Add("Accept", "application/x-ndjson");
        var started = Stopwatch.GetTimestamp();
        using var answer = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        await using var body = await answer.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[64 * 1024];
        var first = await body.ReadAsync(buffer, ct);
        var firstByte = Stopwatch.GetElapsedTime(started);
        long lines = buffer.AsSpan(0, first).Count((byte)'\n');
        int read;
        while ((read = await body.ReadAsync(buffer, ct)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var total = Stopwatch.GetElapsedTime(started);
        await sampling.CancelAsync();
        await sampler;
        if (lines != o.ExportRows + 1)
        {
            throw new BenchFailure($"the export held {lines} lines; {o.ExportRows} referrals and the trailer expected");
        }

        ResultFile.Append(o.ResultsFile, new Result(ResultFile.Export, o.Provider, o.ExportRows, "ndjson",
            [before / 1048576.0, peak / 1048576.0, (peak - before) / 1048576.0, firstByte.TotalMilliseconds, total.TotalSeconds]));
    }

    /// <summary>The process's resident set in bytes, from /proc.</summary>
    private static long Rss(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
