using System.Text;

namespace ReferralApi.Cli.Events;

/// <summary>
/// The feed position of <c>referral events --state-file</c>. Saved by writing a sibling temporary
/// file, flushing it to disk and renaming it over the old one, so a crash or power cut leaves
/// either the old cursor or the new one, never half of one. A lock file held for the whole run
/// keeps two overlapping runs (a slow cron job and the next) from printing the same events.
/// </summary>
internal sealed class CursorStateFile : IDisposable
{
    private readonly string path;
    private readonly FileStream lockHandle;

    private CursorStateFile(string path, FileStream lockHandle)
    {
        this.path = path;
        this.lockHandle = lockHandle;
    }

    /// <summary>Takes the state file for this run, or throws <see cref="ExitCodes.Busy"/> when another run holds it.</summary>
    public static CursorStateFile Open(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            var handle = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new CursorStateFile(full, handle);
        }
        catch (IOException e) when (File.Exists(full + ".lock"))
        {
            throw new CliException(ExitCodes.Busy, $"Another run is using {path} ({e.Message}); this run did nothing.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"Cannot use {path} as a state file: {e.Message}");
        }
    }

    /// <summary>The saved cursor, or null on the first run (the feed is read from its beginning).</summary>
    public string? Read()
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var cursor = File.ReadAllText(path, Encoding.UTF8).Trim();
        return cursor.Length == 0 ? null : cursor;
    }

    public void Save(string cursor)
    {
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(Encoding.UTF8.GetBytes(cursor + "\n"));
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    public void Dispose() => lockHandle.Dispose();
}
