using System.Runtime.InteropServices;
using System.Text;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// Writes a file so that it survives a power cut whole or not at all: the bytes go to a temporary
/// file in the same file system, are flushed to disk, and the file is renamed into place (atomic on
/// POSIX and NTFS). The new name itself is durable once the directory is flushed, at once or, for
/// many files in one directory, once for all of them (<see cref="FlushDirectory"/>).
/// </summary>
internal static partial class DurableFile
{
    /// <summary>
    /// Writes <paramref name="contents"/> at <paramref name="path"/> by way of a temporary file in
    /// <paramref name="temporaryFolder"/>; an existing file is replaced only when <paramref name="replace"/>.
    /// The directory is flushed too when <paramref name="flushDirectory"/>; otherwise the caller flushes it.
    /// </summary>
    public static async Task WriteAsync(
        string temporaryFolder, string path, ReadOnlyMemory<byte> header, ReadOnlyMemory<byte> contents, bool replace, bool flushDirectory, CancellationToken ct)
    {
        var temporary = Path.Combine(temporaryFolder, Guid.NewGuid().ToString("N"));
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1, FileOptions.Asynchronous))
            {
                await stream.WriteAsync(header, ct);
                await stream.WriteAsync(contents, ct);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: replace);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        if (flushDirectory)
        {
            FlushDirectory(Path.GetDirectoryName(path)!);
        }
    }

    /// <summary>
    /// Flushes a directory's entries (a new or renamed name) to disk. .NET opens no handle on a
    /// directory, so on Unix this calls <c>open</c>/<c>fsync</c> from libc. Windows has no such call
    /// (NTFS journals its metadata), so there it does nothing.
    /// </summary>
    public static void FlushDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var descriptor = Open(Encoding.UTF8.GetBytes(directory + "\0"), ReadOnly);
        if (descriptor < 0)
        {
            throw new IOException($"The folder {directory} could not be opened to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (Fsync(descriptor) != 0)
            {
                throw new IOException($"The folder {directory} could not be flushed to disk (errno {Marshal.GetLastPInvokeError()}).");
            }
        }
        finally
        {
            _ = Close(descriptor);
        }
    }

    private const int ReadOnly = 0;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open(byte[] path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int Fsync(int descriptor);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int descriptor);
}
