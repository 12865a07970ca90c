using System.Diagnostics;

namespace ReferralApi.Bench;

/// <summary>
/// How long the disk under the SQLite database takes to make a write durable, measured beside the
/// request benchmark: SQLite's creates and reads each wait for a sync of its log (the reads for
/// their access-log rows), so a slow spell of the disk shows in them and in nothing else. A run of
/// 4 KiB writes, each followed by an fsync, in a file of its own in the given folder.
/// </summary>
internal static class DiskSyncProbe
{
    private const int Syncs = 200;
    private const int PageBytes = 4096;

    /// <summary>The p50 and p99 of one write and its sync, in microseconds.</summary>
    public static (double P50Micros, double P99Micros) Measure(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"sync-probe-{Environment.ProcessId}.bin");
        var page = new byte[PageBytes];
        var took = new double[Syncs];
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            for (var i = 0; i < Syncs; i++)
            {
                page[0] = (byte)i;
                var started = Stopwatch.GetTimestamp();
                // Over the same few pages, as a log's writes go, so the file's size settles early.
                file.Position = i % 16 * PageBytes;
                file.Write(page);
                file.Flush(flushToDisk: true);
                took[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
            }
        }
        finally
        {
            File.Delete(path);
        }

        Array.Sort(took);
        return (took[Syncs / 2], took[Syncs * 99 / 100]);
    }
}
