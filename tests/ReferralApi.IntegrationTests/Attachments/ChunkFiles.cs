using System.Globalization;
using System.Text;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>
/// The chunk files of the file system store, read and altered behind the API's back, as an attacker
/// with access to the folder or a crash would. Reads the layout and header as the README describes them.
/// </summary>
public sealed class ChunkFiles(string root)
{
    public string Root { get; } = root;

    public string Chunks => Path.Combine(Root, "chunks");

    public string Temporary => Path.Combine(Root, "tmp");

    public string DirectoryOf(Guid attachmentId) => Path.Combine(Chunks, attachmentId.ToString("N"));

    public string PathOf(Guid attachmentId, int position) => Path.Combine(DirectoryOf(attachmentId), position.ToString(CultureInfo.InvariantCulture));

    public bool Exists(Guid attachmentId) => Directory.Exists(DirectoryOf(attachmentId));

    /// <summary>The positions stored for the attachment, in order; empty when it has no directory.</summary>
    public IReadOnlyList<int> Positions(Guid attachmentId) =>
        !Exists(attachmentId) ? [] : [.. Directory.GetFiles(DirectoryOf(attachmentId)).Select(f => int.Parse(Path.GetFileName(f), CultureInfo.InvariantCulture)).Order()];

    /// <summary>The key id in a chunk file's header: "RAC1", one length byte, the id in UTF-8.</summary>
    public string KeyIdOf(Guid attachmentId, int position)
    {
        var bytes = File.ReadAllBytes(PathOf(attachmentId, position));
        Assert.Equal("RAC1"u8.ToArray(), bytes[..4]);
        return Encoding.UTF8.GetString(bytes, 5, bytes[4]);
    }

    public void FlipByte(Guid attachmentId, int position)
    {
        var path = PathOf(attachmentId, position);
        var bytes = File.ReadAllBytes(path);
        bytes[bytes.Length / 2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
    }

    public void Swap(Guid attachmentId, int first, int second)
    {
        var a = File.ReadAllBytes(PathOf(attachmentId, first));
        File.WriteAllBytes(PathOf(attachmentId, first), File.ReadAllBytes(PathOf(attachmentId, second)));
        File.WriteAllBytes(PathOf(attachmentId, second), a);
    }

    public void CopyFrom(Guid from, Guid to, int position) => File.Copy(PathOf(from, position), PathOf(to, position), overwrite: true);

    public void Delete(Guid attachmentId, int position) => File.Delete(PathOf(attachmentId, position));

    /// <summary>A directory with one chunk-like file, as a crash between a commit and the removal it allowed would leave it.</summary>
    public void PlantDirectory(Guid attachmentId)
    {
        Directory.CreateDirectory(DirectoryOf(attachmentId));
        File.WriteAllBytes(PathOf(attachmentId, 0), [.. "RAC1"u8, 1, (byte)'k', .. new byte[64]]);
    }

    /// <summary>A temporary file as a write cut short by a crash leaves it, last written <paramref name="age"/> ago.</summary>
    public string PlantTemporary(TimeSpan age)
    {
        Directory.CreateDirectory(Temporary);
        var path = Path.Combine(Temporary, Guid.NewGuid().ToString("N"));
        File.WriteAllBytes(path, new byte[16]);
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow - age);
        return path;
    }
}
