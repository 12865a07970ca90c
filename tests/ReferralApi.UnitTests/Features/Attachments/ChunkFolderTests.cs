using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ReferralApi.Features.Attachments;

namespace ReferralApi.UnitTests.Features.Attachments;

/// <summary>The file system store's folder: prepared or refused with the reason at start-up, swept of what is not live.</summary>
public sealed class ChunkFolderTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    [Fact]
    public void Preparing_CreatesTheChunkAndTemporaryFolders()
    {
        var root = Path.Combine(folder.Path, "attachments");

        Assert.Null(ChunkFolder.Prepare(root));
        Assert.True(Directory.Exists(Path.Combine(root, "chunks")));
        Assert.Empty(Directory.GetFiles(Path.Combine(root, "tmp")));
    }

    [Fact]
    public void AFolderThatCannotBeMade_OrNone_IsRefusedWithTheReason()
    {
        var file = Path.Combine(folder.Path, "a-file");
        File.WriteAllText(file, "not a folder");

        Assert.StartsWith($"Attachments:Folder {file}{Path.DirectorySeparatorChar}attachments is not a writable folder:", ChunkFolder.Prepare(Path.Combine(file, "attachments")), StringComparison.Ordinal);
        Assert.Equal("Attachments:Folder must name a folder when Attachments:Store is filesystem.", ChunkFolder.Prepare(" "));
        var validation = new AttachmentStoreValidation().Validate(null, new AttachmentOptions { Store = "filesystem", Folder = Path.Combine(file, "x") });
        Assert.True(validation.Failed);
        Assert.True(new AttachmentStoreValidation().Validate(null, new AttachmentOptions { Store = "cloud" }).Failed);
        Assert.True(new AttachmentStoreValidation().Validate(null, new AttachmentOptions()).Succeeded);
    }

    [Fact]
    public void OnlyDirectoriesNamedByAGuid_AreAttachments_AndPathsStayInsideTheFolder()
    {
        var chunks = Folder();
        var id = Guid.NewGuid();
        Directory.CreateDirectory(chunks.DirectoryOf(id));
        Directory.CreateDirectory(Path.Combine(chunks.Chunks, "lost+found"));
        Directory.CreateDirectory(Path.Combine(chunks.Chunks, id.ToString("D")));

        Assert.Equal([id], chunks.Attachments());
        Assert.Equal(Path.Combine(chunks.Root, "chunks", id.ToString("N"), "12"), chunks.PathOf(id, 12));
    }

    [Fact]
    public void TheSweeper_RemovesOldTemporaryFilesOnly_AndADirectoryGoneAlreadyIsNoError()
    {
        var chunks = Folder();
        var sweeper = new ChunkSweeper(chunks, Options.Create(new AttachmentOptions()), TimeProvider.System, NullLogger<ChunkSweeper>.Instance);
        var old = Path.Combine(chunks.Temporary, "old");
        var fresh = Path.Combine(chunks.Temporary, "fresh");
        File.WriteAllBytes(old, [1]);
        File.WriteAllBytes(fresh, [1]);
        File.SetLastWriteTimeUtc(old, DateTime.UtcNow.AddHours(-2));
        var id = Guid.NewGuid();
        Directory.CreateDirectory(chunks.DirectoryOf(id));
        File.WriteAllBytes(chunks.PathOf(id, 0), [1]);

        sweeper.RemoveStaleTemporaryFiles();
        sweeper.RemoveDirectory(id);
        sweeper.RemoveDirectory(id);

        Assert.False(File.Exists(old));
        Assert.True(File.Exists(fresh));
        Assert.False(Directory.Exists(chunks.DirectoryOf(id)));
    }

    public void Dispose() => folder.Dispose();

    private ChunkFolder Folder()
    {
        var root = Path.Combine(folder.Path, "store");
        Assert.Null(ChunkFolder.Prepare(root));
        return new ChunkFolder(Options.Create(new AttachmentOptions { Store = "filesystem", Folder = root }));
    }
}
