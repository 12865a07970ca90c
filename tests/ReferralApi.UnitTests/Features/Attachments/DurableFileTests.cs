using ReferralApi.Features.Attachments;

namespace ReferralApi.UnitTests.Features.Attachments;

/// <summary>A chunk file appears whole or not at all, and replaces another only when asked to.</summary>
public sealed class DurableFileTests : IDisposable
{
    private readonly TemporaryFolder folder = new();

    private string Temporary => Directory.CreateDirectory(Path.Combine(folder.Path, "tmp")).FullName;

    [Fact]
    public async Task AWrite_LeavesTheHeaderAndBytes_AndNoTemporaryFile()
    {
        var path = Path.Combine(folder.Path, "0");

        await DurableFile.WriteAsync(Temporary, path, new byte[] { 1, 2 }, new byte[] { 3, 4, 5 }, replace: false, flushDirectory: true, TestContext.Current.CancellationToken);

        Assert.Equal(new byte[] { 1, 2, 3, 4, 5 }, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Temporary));
    }

    [Fact]
    public async Task AWriteOverAnExistingFile_FailsUnlessReplacing_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(folder.Path, "0");
        await DurableFile.WriteAsync(Temporary, path, new byte[] { 1 }, new byte[] { 1 }, replace: false, flushDirectory: true, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IOException>(() => DurableFile.WriteAsync(Temporary, path, new byte[] { 2 }, new byte[] { 2 }, replace: false, flushDirectory: true, TestContext.Current.CancellationToken));
        Assert.Equal(new byte[] { 1, 1 }, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Temporary));

        await DurableFile.WriteAsync(Temporary, path, new byte[] { 3 }, new byte[] { 3, 3 }, replace: true, flushDirectory: true, TestContext.Current.CancellationToken);
        Assert.Equal(new byte[] { 3, 3, 3 }, await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Temporary));
    }

    [Fact]
    public async Task AWriteIntoAMissingDirectory_Fails_AndLeavesNoTemporaryFile()
    {
        var path = Path.Combine(folder.Path, "gone", "0");

        await Assert.ThrowsAsync<DirectoryNotFoundException>(() => DurableFile.WriteAsync(Temporary, path, new byte[] { 1 }, new byte[] { 1 }, replace: true, flushDirectory: true, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Temporary));
    }

    [Fact]
    public void FlushingADirectory_Succeeds_AndAMissingOneIsAnIOException()
    {
        DurableFile.FlushDirectory(folder.Path);

        if (!OperatingSystem.IsWindows())
        {
            Assert.Throws<IOException>(() => DurableFile.FlushDirectory(Path.Combine(folder.Path, "missing")));
        }
    }

    public void Dispose() => folder.Dispose();
}
