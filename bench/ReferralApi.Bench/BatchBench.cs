using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ReferralApi.Bench;

/// <summary>
/// The batch import against single creates, in one run of one API process: the same number of
/// referrals sent one POST /v1/referrals at a time (each with its Idempotency-Key, as a careful
/// client sends them) and then in one POST /v1/referrals/batch, after a warm-up of both.
/// </summary>
internal static class BatchBench
{
    private const int WarmupItems = 20;

    public static async Task RunAsync(BenchOptions o, CancellationToken ct)
    {
        var connection = o.Provider == "postgres" ? await BenchDatabase.CreatePostgresDatabaseAsync(o.Connection, ct) : o.Connection;
        await using var process = await ApiProcess.StartAsync(o, connection, ct);
        using var api = new BenchApi(process.BaseAddress, process.AdminKey);
        var (_, senderKey) = await api.CreateAgencyAsync("BENCH-SENDER", withKey: true, ct);
        var (receiver, _) = await api.CreateAgencyAsync("BENCH-RECEIVER", withKey: false, ct);
        using var client = api.ClientFor(senderKey!);

        await SendSinglesAsync(client, receiver, "warm", WarmupItems, ct);
        await SendBatchAsync(client, receiver, "warm-batch", WarmupItems, ct);

        var singles = await SendSinglesAsync(client, receiver, "single", o.BatchItems, ct);
        var batch = await SendBatchAsync(client, receiver, "batch", o.BatchItems, ct);
        var mode = o.ApiSettings.LastOrDefault(s => s.Key == "Referrals:Batch:ItemsPerTransaction").Value ?? "default";
        ResultFile.Append(o.ResultsFile, new Result(ResultFile.Batch, o.Provider, o.BatchItems, $"items-per-transaction={mode}",
            [singles.TotalSeconds, batch.TotalSeconds, singles / batch]));
    }

    private static async Task<TimeSpan> SendSinglesAsync(HttpClient client, Guid receiver, string prefix, int count, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals")
            {
                Content = JsonContent.Create(BenchApi.ReferralBody(receiver, Reference(prefix, i))),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await client.SendAsync(request, ct);
            if ((int)response.StatusCode != 201)
            {
                throw new BenchFailure($"a single create answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}");
            }
        }

        return Stopwatch.GetElapsedTime(started);
    }

    private static async Task<TimeSpan> SendBatchAsync(HttpClient client, Guid receiver, string prefix, int count, CancellationToken ct)
    {
        var items = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)BenchApi.ReferralBody(receiver, Reference(prefix, i)))]);
        var started = Stopwatch.GetTimestamp();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/referrals/batch") { Content = JsonContent.Create(items) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var created = (int)response.StatusCode == 200
            ? JsonNode.Parse(text)!["results"]!.AsArray().Count(r => (int)r!["status"]! == 201 && r["replayed"] is null)
            : -1;
        if (created != count)
        {
            throw new BenchFailure($"the batch created {created} of {count}: {text[..Math.Min(text.Length, 400)]}");
        }

        return elapsed;
    }

    private static string Reference(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"BENCH/{prefix}/{i}/{Guid.NewGuid():N}");
}
