using System.Diagnostics;

namespace ReferralApi.Bench;

/// <summary>
/// How long the disk under the SQLite database takes to make a write durable, measured beside the
/// request benchmark: SQLite's creates and reads each wait for a sync of its log (the reads for
/// their access-log rows), so a slow spell of the disk shows in them and in nothing else. A run of
/// 4 KiB writes, each followed by an fsync, over a few pages of a file of its own in the database's
/// folder, as a log's writes go. It takes a fraction of a second, so it shows the disk before and
/// after the cases, not during them.
/// </summary>
internal static class DiskSyncProbe
{
    private const int Syncs = 200;
    private const int Pages = 16;
    private const int PageBytes = 4096;

    /// <summary>The p50 and p99 (nearest rank) of one write and its sync, in microseconds.</summary>
    public static (double P50Micros, double P99Micros) Measure(string directory)
    {
        var path = Path.Combine(directory, $"sync-probe-{Environment.ProcessId}.bin");
        var page = new byte[PageBytes];
        var took = new double[Syncs];
        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            // The file is given its full size and synced first: a sync that also grows the file
            // writes its metadata too, which a log that is reused from its start mostly does not.
            for (var i = 0; i < Pages; i++)
            {
                file.Write(page);
            }

            file.Flush(flushToDisk: true);
            for (var i = 0; i < Syncs; i++)
            {
                page[0] = (byte)i;
                var started = Stopwatch.GetTimestamp();
                file.Position = i % Pages * PageBytes;
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
        return (ResultFile.Percentile(took, 50), ResultFile.Percentile(took, 99));
    }
}
