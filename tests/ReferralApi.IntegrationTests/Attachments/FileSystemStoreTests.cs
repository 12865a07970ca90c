using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ReferralApi.IntegrationTests.Infrastructure;
using ReferralApi.IntegrationTests.Privacy;
using ReferralApi.IntegrationTests.Referrals;
using ReferralApi.IntegrationTests.Support;
using static ReferralApi.IntegrationTests.Attachments.AttachmentFiles;

namespace ReferralApi.IntegrationTests.Attachments;

/// <summary>
/// <c>Attachments:Store = filesystem</c> through the API: the same files byte for byte, only sealed
/// chunks on disk, the same refusal of altered, swapped or missing chunks, and no file left behind by
/// a deletion, an erasure, a client gone mid-way or a crash.
/// </summary>
public abstract class FileSystemStoreTests<TEngine>(FileSystemStoreFixture<TEngine> fx) : IClassFixture<FileSystemStoreFixture<TEngine>>
    where TEngine : IEngine
{
    private ChunkFiles Files => fx.Files;

    [Fact]
    public async Task AMultiPagePdf_RoundTrips_WholeAndByRange_FromSealedChunkFilesOnly()
    {
        using var police = await fx.CreateAgencyAsync();
        using var uptd = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(police, uptd, "accepted");
        var pdf = Pdf(pages: 4, approximateBytes: 300_000);

        var created = await UploadAsync(police, id, pdf, fileName: "visum Siti.pdf");
        var attachmentId = Guid.Parse((string)created["id"]!);

        Assert.Equal(pdf, await DownloadBytesAsync(uptd, id, attachmentId));
        using (var range = await DownloadAsync(uptd, id, attachmentId, "bytes=65530-131100"))
        {
            Assert.Equal(HttpStatusCode.PartialContent, range.StatusCode);
            Assert.Equal(pdf[65530..131101], await range.Content.ReadAsByteArrayAsync(Http.Ct));
        }

        var chunkCount = (pdf.Length + ChunkSize - 1) / ChunkSize;
        Assert.Equal(Enumerable.Range(0, chunkCount), Files.Positions(attachmentId));
        Assert.Equal(0, await AttachmentRows.ChunkCountAsync(fx.Database, attachmentId));
        var onDisk = Enumerable.Range(0, chunkCount).Select(p => File.ReadAllBytes(Files.PathOf(attachmentId, p))).ToList();
        Assert.All(Enumerable.Range(0, chunkCount), p => Assert.Equal(RotationKeys.FirstId, Files.KeyIdOf(attachmentId, p)));
        Assert.DoesNotContain(onDisk, bytes => Encoding.Latin1.GetString(bytes).Contains("%PDF", StringComparison.Ordinal) || Encoding.Latin1.GetString(bytes).Contains("/Page", StringComparison.Ordinal));
        Assert.Empty(Directory.GetFiles(Files.Temporary));
    }

    [Fact]
    public void AFolderThatCannotBeWritten_StopsTheApiAtStartUp_SayingWhy()
    {
        var database = fx.Database; // skips the test where the engine cannot run, before it writes anything
        var file = Path.Combine(fx.Files.Root, "not-a-folder");
        File.WriteAllText(file, "a file");
        var settings = new Dictionary<string, string?>(fx.StoreSettings) { ["Attachments:Folder"] = Path.Combine(file, "attachments") };
        using var host = new ApiFactory(database.Provider, database.ConnectionString, settings);

        var failure = Assert.ThrowsAny<Exception>(() => host.Services);
        Assert.Contains($"Attachments:Folder {file}{Path.DirectorySeparatorChar}attachments is not a writable folder", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AlteredSwappedMovedOrMissingChunkFiles_EndTheDownload_NeverServingTheirBytes()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var png = Png((3 * ChunkSize) - 100);
        var ids = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", $"{i}.png"))["id"]!));
        }

        Files.FlipByte(ids[0], 1);
        Files.FlipByte(ids[1], 0);
        Files.Swap(ids[2], 0, 1);
        Files.Delete(ids[3], 2);
        Files.CopyFrom(ids[0], ids[4], 0); // a chunk of another file, at the same place

        using (var altered = await DownloadAsync(sender, id, ids[0]))
        {
            Assert.Equal(HttpStatusCode.OK, altered.StatusCode);
            await Assert.ThrowsAnyAsync<Exception>(() => altered.Content.ReadAsByteArrayAsync(Http.Ct));
        }

        foreach (var refused in new[] { ids[1], ids[2], ids[4] })
        {
            using var first = await DownloadAsync(sender, id, refused);
            await first.ExpectProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        }

        using var truncated = await DownloadAsync(sender, id, ids[3]);
        Assert.Equal(HttpStatusCode.OK, truncated.StatusCode);
        await Assert.ThrowsAnyAsync<Exception>(() => truncated.Content.ReadAsByteArrayAsync(Http.Ct));
    }

    [Fact]
    public async Task ADeletion_RemovesTheFiles_AndAnErasurePastRetention_TooUnlessHeld()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var erased = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var held = await ReferralSteps.InStatusAsync(sender, receiver, "accepted");
        var pdf = Pdf(2, 140_000);
        var deletedFile = Guid.Parse((string)(await UploadAsync(sender, erased, pdf))["id"]!);
        var erasedFile = Guid.Parse((string)(await UploadAsync(sender, erased, pdf))["id"]!);
        var heldFile = Guid.Parse((string)(await UploadAsync(sender, held, pdf))["id"]!);
        using (var deleted = await sender.Client.DeleteAsync($"/v1/referrals/{erased}/attachments/{deletedFile}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        }

        Assert.False(Files.Exists(deletedFile));
        Assert.True(Files.Exists(erasedFile));
        await Scenario.MoveAsync(receiver, erased, "completed");
        await Scenario.MoveAsync(receiver, held, "completed");
        using (var hold = await receiver.Client.SendJsonAsync(HttpMethod.Put, $"/v1/referrals/{held}/legal-hold", new JsonObject { ["legalHold"] = true }))
        {
            await hold.ExpectAsync(HttpStatusCode.OK);
        }

        await fx.AdvanceAsync(TimeSpan.FromDays((5 * 365) + 2), sender, receiver);
        await fx.RunRetentionPassAsync();

        Assert.False(Files.Exists(erasedFile));
        using (var gone = await DownloadAsync(sender, erased, erasedFile))
        {
            await gone.ExpectProblemAsync(HttpStatusCode.Gone, "attachment-gone");
        }

        Assert.Equal(pdf, await DownloadBytesAsync(receiver, held, heldFile));
    }

    [Fact]
    public async Task TheCleanupPass_RemovesWhatACrashLeft_AndKeepsLiveFilesAndUploadsInProgress()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        var png = Png(100_000);
        var live = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "live.png"))["id"]!);
        var deleted = Guid.Parse((string)(await UploadAsync(sender, id, png, "image/png", "photo", "gone.png"))["id"]!);
        using (var deletion = await sender.Client.DeleteAsync($"/v1/referrals/{id}/attachments/{deleted}", Http.Ct))
        {
            Assert.Equal(HttpStatusCode.NoContent, deletion.StatusCode);
        }

        var noRow = Guid.NewGuid();
        var unfinished = await AttachmentRows.InsertUnfinishedAsync(fx.Database, id, sender.Id, fx.Clock.GetUtcNow());
        await AttachmentRows.DeleteChunkAsync(fx.Database, unfinished, 0); // this store keeps its chunks on disk
        Files.PlantDirectory(noRow);
        Files.PlantDirectory(deleted); // the instance stopped after the deletion committed, before the files went
        Files.PlantDirectory(unfinished);
        var notOurs = Path.Combine(Files.Chunks, "lost+found");
        Directory.CreateDirectory(notOurs);
        var staleTemporary = Files.PlantTemporary(TimeSpan.FromHours(3));

        await fx.RunRetentionPassAsync();

        Assert.False(Files.Exists(noRow));
        Assert.False(Files.Exists(deleted));
        Assert.False(File.Exists(staleTemporary));
        Assert.True(Files.Exists(unfinished), "An upload still in progress lost its chunks.");
        Assert.True(Directory.Exists(notOurs));
        Assert.Equal(png, await DownloadBytesAsync(sender, id, live));

        await fx.AdvanceAsync(TimeSpan.FromHours(2), sender, receiver);
        await fx.RunRetentionPassAsync();

        Assert.False(Files.Exists(unfinished));
        Assert.Equal(new[] { live, deleted }.Order(), (await AttachmentRows.IdsAsync(fx.Database, id)).Order()); // the unfinished row went, a tombstone stays
        Assert.Equal(png, await DownloadBytesAsync(sender, id, live));
    }

    [Fact]
    public async Task AClientGoneMidWay_LeavesNoRowAndNoFile()
    {
        using var sender = await fx.CreateAgencyAsync();
        using var receiver = await fx.CreateAgencyAsync();
        var id = await ReferralSteps.InStatusAsync(sender, receiver, "sent");
        using var upload = await StalledUpload.StartAsync(fx.Factory, sender, id);
        var attachmentId = Guid.Empty;
        await AttachmentRows.WaitAsync(async () =>
        {
            attachmentId = (await AttachmentRows.IdsAsync(fx.Database, id)).SingleOrDefault();
            return attachmentId != Guid.Empty && Files.Positions(attachmentId).Count > 0;
        }, "no chunk file was written");
        Assert.Empty(await ListAsync(sender, id));

        await upload.DisconnectAsync();
        await AttachmentRows.WaitAsync(
            async () => await AttachmentRows.CountAsync(fx.Database, id) == 0 && !Files.Exists(attachmentId), "the row or the files remain");
        Assert.Empty(Directory.GetFiles(Files.Temporary));
    }
}

public sealed class FileSystemStoreTests_Sqlite(FileSystemStoreFixture<Sqlite> fx) : FileSystemStoreTests<Sqlite>(fx);

public sealed class FileSystemStoreTests_Postgres(FileSystemStoreFixture<Postgres> fx) : FileSystemStoreTests<Postgres>(fx);

public sealed class FileSystemStoreTests_SqlServer(FileSystemStoreFixture<SqlServer> fx) : FileSystemStoreTests<SqlServer>(fx);
