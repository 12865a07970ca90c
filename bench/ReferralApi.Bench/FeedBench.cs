using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ReferralApi.Bench;

/// <summary>
/// Feed polls as an integrator's system makes them: one client, one request at a time, each
/// timed from send to the last byte of the answer.
/// </summary>
internal static class FeedBench
{
    public const int PollLimit = 100;

    // Tiered compilation settles after a few seconds of steady calls; measuring earlier would
    // charge the first table size (measured first) with the JIT's work.
    private static readonly TimeSpan WarmupTime = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Reads the agency's whole feed from the start, as a new client would, and returns the cursor
    /// halfway through (a client catching up) and the one at the end (a client up to date).
    /// </summary>
    public static async Task<(string Middle, string Tail, long Seen)> WalkAsync(HttpClient client, long expected, CancellationToken ct)
    {
        string? cursor = null;
        string? middle = null;
        long seen = 0;
        // Pages small enough to stop near the middle, large enough to read 100k events in a few seconds.
        var limit = (int)Math.Clamp(expected / 10, 1, 500);
        while (true)
        {
            var (items, next) = await PageAsync(client, cursor, limit, ct);
            if (items == 0)
            {
                return (middle ?? next, next, seen);
            }

            seen += items;
            cursor = next;
            if (middle is null && seen >= expected / 2)
            {
                middle = next;
            }
        }
    }

    /// <summary>
    /// Polls both cursors for <paramref name="time"/>. The API is a fresh process: its first
    /// thousands of calls run unoptimised code on an untuned GC, which would make whichever
    /// table size is measured first look slower (by about 2x here).
    /// </summary>
    public static async Task WarmUpProcessAsync(HttpClient client, string middle, string tail, TimeSpan time, CancellationToken ct)
    {
        var uris = new[] { middle, tail }.Select(c => new Uri($"/v1/events?limit={PollLimit}&after={Uri.EscapeDataString(c)}", UriKind.Relative)).ToArray();
        var warming = Stopwatch.StartNew();
        for (var i = 0; warming.Elapsed < time; i++)
        {
            await PollAsync(client, uris[i % 2], ct);
        }
    }

    /// <summary>Polls at <paramref name="cursor"/> after a warm-up (at least <paramref name="warmup"/> polls and 3 s); returns each measured poll's milliseconds and the page's size.</summary>
    public static async Task<(List<double> Millis, int Items)> TimeAsync(HttpClient client, string cursor, int warmup, int polls, CancellationToken ct)
    {
        var uri = new Uri($"/v1/events?limit={PollLimit}&after={Uri.EscapeDataString(cursor)}", UriKind.Relative);
        var (items, _) = await PageAsync(client, cursor, PollLimit, ct);
        var warming = Stopwatch.StartNew();
        for (var i = 0; i < warmup || warming.Elapsed < WarmupTime; i++)
        {
            await PollAsync(client, uri, ct);
        }

        var millis = new List<double>(polls);
        for (var i = 0; i < polls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await PollAsync(client, uri, ct);
            millis.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (millis, items);
    }

    private static async Task PollAsync(HttpClient client, Uri uri, CancellationToken ct)
    {
        using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseContentRead, ct);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(int Items, string Next)> PageAsync(HttpClient client, string? cursor, int limit, CancellationToken ct)
    {
        var after = cursor is null ? string.Empty : "&after=" + Uri.EscapeDataString(cursor);
        using var response = await client.GetAsync(new Uri($"/v1/events?limit={limit}{after}", UriKind.Relative), ct);
        response.EnsureSuccessStatusCode();
        var page = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
        return (page["items"]!.AsArray().Count, (string)page["nextCursor"]!);
    }
}
