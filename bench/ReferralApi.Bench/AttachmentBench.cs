using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace ReferralApi.Bench;

/// <summary>
/// The attachment benchmark (scripts/bench-attachments.sh): eight parallel uploads of a 20 MiB file,
/// then eight parallel downloads of them, against a freshly started API. The files are generated
/// as they are sent and hashed as they come back, so the benchmark holds none of them in memory
/// either. Runs on the attachment store the settings name (<c>--set Attachments:Store=filesystem</c>). Reports MiB/s each way and the API's resident memory: idle, and the peak sampled every
/// 50 ms during each phase, against the target of at most 100 MB over idle.
/// </summary>
internal static class AttachmentBench
{
    private const int Parallel = 8;

    /// <summary>Just under the default 20 MiB limit.</summary>
    private const long FileBytes = (20 * 1024 * 1024) - 4096;

    private const double MiB = 1024 * 1024;

    public static async Task RunAsync(BenchOptions o, CancellationToken ct)
    {
        var connection = o.Provider == "postgres" ? await BenchDatabase.CreatePostgresDatabaseAsync(o.Connection, ct) : o.Connection;
        await using var process = await ApiProcess.StartAsync(o with { ApiSettings = [.. ApiRun.Limits, .. o.ApiSettings] }, connection, ct);
        using var api = new BenchApi(process.BaseAddress, process.AdminKey);
        var (_, senderKey) = await api.CreateAgencyAsync("BENCH-ATT-POLICE", withKey: true, ct);
        var (receiverId, _) = await api.CreateAgencyAsync("BENCH-ATT-UPTD", withKey: true, ct);
        var referrals = new List<Guid>();
        for (var i = 0; i < Parallel; i++)
        {
            referrals.Add((await api.SendReferralAsync(senderKey!, receiverId, ct)).ReferralId);
        }

        using var http = new HttpClient { BaseAddress = process.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", senderKey);
        await Task.Delay(TimeSpan.FromSeconds(3), ct);
        var idle = Processes.ResidentMegabytes(process.ProcessId).Now;

        var (uploadSeconds, uploadPeak, ids) = await MeasureAsync(process.ProcessId, () => Task.WhenAll(referrals.Select((r, i) => UploadAsync(http, r, i, ct))), ct);
        var (downloadSeconds, downloadPeak, _) = await MeasureAsync(process.ProcessId, () => Task.WhenAll(referrals.Zip(ids).Select(p => DownloadAsync(http, p.First, p.Second.Id, p.Second.Sha256, ct))), ct);

        var total = Parallel * FileBytes / MiB;
        var store = o.ApiSettings.FirstOrDefault(s => s.Key == "Attachments:Store").Value ?? "database";
        var lines = new[]
        {
            $"| {o.Provider} | {store} | upload | {F(total / uploadSeconds)} | {F(idle)} | {F(uploadPeak)} | {F(uploadPeak - idle)} |",
            $"| {o.Provider} | {store} | download | {F(total / downloadSeconds)} | {F(idle)} | {F(downloadPeak)} | {F(downloadPeak - idle)} |",
        };
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }

        await File.AppendAllLinesAsync(o.ResultsFile, lines, ct);
    }

    private static async Task<(double Seconds, double PeakMegabytes, T Result)> MeasureAsync<T>(int pid, Func<Task<T>> work, CancellationToken ct)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var peak = 0.0;
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, Processes.ResidentMegabytes(pid).Now);
                await Task.Delay(50, CancellationToken.None);
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        var result = await work();
        var seconds = clock.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        await sampler;
        return (seconds, peak, result);
    }

    private static async Task<(Guid Id, string Sha256)> UploadAsync(HttpClient http, Guid referral, int seed, CancellationToken ct)
    {
        var content = new GeneratedPdf(FileBytes, seed);
        using var response = await http.PostAsync($"/v1/referrals/{referral}/attachments?kind=visum_et_repertum&fileName=bench-{seed}.pdf", content, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new BenchFailure($"an upload answered {(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}");
        }

        var created = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        if ((string?)created["sha256"] != content.Sha256)
        {
            throw new BenchFailure("an upload's sha256 is not the digest of the bytes sent");
        }

        return (Guid.Parse((string)created["id"]!, CultureInfo.InvariantCulture), content.Sha256);
    }

    private static async Task<int> DownloadAsync(HttpClient http, Guid referral, Guid attachment, string sha256, CancellationToken ct)
    {
        using var response = await http.GetAsync($"/v1/referrals/{referral}/attachments/{attachment}", HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new BenchFailure($"a download answered {(int)response.StatusCode}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
        }

        if (Convert.ToHexStringLower(hash.GetHashAndReset()) != sha256)
        {
            throw new BenchFailure("a download's bytes are not the ones uploaded");
        }

        return 0;
    }

    private static string F(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>A PDF header and pseudo-random bytes, made as they are sent and hashed on the way.</summary>
    private sealed class GeneratedPdf(long length, int seed) : HttpContent
    {
        public string Sha256 { get; private set; } = string.Empty;

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var random = new Random(seed);
            var buffer = new byte[64 * 1024];
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            for (long sent = 0; sent < length; sent += buffer.Length)
            {
                random.NextBytes(buffer);
                if (sent == 0)
                {
                    "%PDF-1.7\n"u8.CopyTo(buffer);
                }

                var count = (int)Math.Min(buffer.Length, length - sent);
                hash.AppendData(buffer, 0, count);
                await stream.WriteAsync(buffer.AsMemory(0, count));
            }

            Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        protected override bool TryComputeLength(out long size)
        {
            size = length;
            return true;
        }
    }
}
