using System.Globalization;
using Microsoft.Extensions.Options;

namespace ReferralApi.Features.Attachments;

/// <summary>
/// The layout of <c>Attachments:Folder</c>: <c>chunks/{attachment id}/{position}</c> for the
/// contents, and <c>tmp/</c> for files being written (in the same file system, so a rename into
/// place is atomic). Every name is built from a Guid in "N" form or an integer, never from anything
/// a client sent, so no request can reach a path outside the folder.
/// </summary>
internal sealed class ChunkFolder(IOptions<AttachmentOptions> options)
{
    public string Root { get; } = Path.GetFullPath(options.Value.Folder ?? ".");

    public string Chunks => Path.Combine(Root, "chunks");

    public string Temporary => Path.Combine(Root, "tmp");

    public string DirectoryOf(Guid attachmentId) => Path.Combine(Chunks, attachmentId.ToString("N"));

    public string PathOf(Guid attachmentId, int position) =>
        Path.Combine(DirectoryOf(attachmentId), position.ToString(CultureInfo.InvariantCulture));

    /// <summary>The attachments that have a directory; entries whose name is no Guid are not ours and are left alone.</summary>
    public IReadOnlyList<Guid> Attachments() =>
        !Directory.Exists(Chunks)
            ? []
            : [.. Directory.EnumerateDirectories(Chunks)
                .Select(path => Guid.TryParseExact(Path.GetFileName(path), "N", out var id) ? id : Guid.Empty)
                .Where(id => id != Guid.Empty)];

    /// <summary>Creates the folders and proves a file can be written, flushed and removed there; the reason when not.</summary>
    public static string? Prepare(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder))
        {
            return "Attachments:Folder must name a folder when Attachments:Store is filesystem.";
        }

        var root = Path.GetFullPath(folder);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "chunks"));
            var temporary = Directory.CreateDirectory(Path.Combine(root, "tmp")).FullName;
            var probe = Path.Combine(temporary, Guid.NewGuid().ToString("N"));
            using (var stream = new FileStream(probe, FileMode.CreateNew, FileAccess.Write))
            {
                stream.WriteByte(0);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            DurableFile.FlushDirectory(temporary);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return $"Attachments:Folder {root} is not a writable folder: {e.Message}";
        }
    }
}
